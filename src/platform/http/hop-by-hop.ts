import type { IncomingHttpHeaders } from 'node:http';

/** Connection-level headers (RFC 9110 §7.6.1): they describe one hop and are never passed on. */
const CONNECTION_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The headers of a message that end at this hop: the connection-level ones, and every header the
 * message's own `Connection` header names (a sender may declare any header hop-by-hop that way).
 * The gateway and the egress proxy both drop these before passing a message on. Most messages
 * name nothing beyond `keep-alive`: they share one set rather than build their own.
 */
export function hopByHopHeaders(headers: IncomingHttpHeaders): ReadonlySet<string> {
  // What clients send on nearly every request, answered without splitting it (the proxy and gateway ask once a request).
  const connection = headers.connection;
  if (connection === undefined || connection === 'keep-alive' || connection === 'close') return CONNECTION_HEADERS;
  const named = [connection]
    .flat()
    .flatMap((value) => value.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name && !CONNECTION_HEADERS.has(name));
  return named.length ? new Set([...CONNECTION_HEADERS, ...named]) : CONNECTION_HEADERS;
}
