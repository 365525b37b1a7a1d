import type { IncomingHttpHeaders } from 'node:http';

/** Connection-level headers (RFC 9110 §7.6.1): they describe one hop and are never passed on. */
const CONNECTION_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/**
 * The headers of a message that end at this hop: the connection-level ones, and every header the
 * message's own `Connection` header names (a sender may declare any header hop-by-hop that way).
 * The gateway and the egress proxy both drop these before passing a message on.
 */
export function hopByHopHeaders(headers: IncomingHttpHeaders): Set<string> {
  const named = [headers.connection ?? []].flat().flatMap((value) => value.split(','));
  return new Set([...CONNECTION_HEADERS, ...named.map((name) => name.trim().toLowerCase()).filter(Boolean)]);
}
