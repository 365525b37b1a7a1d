/** A browser's CORS preflight, which carries no custom headers: the proxy answers it itself. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue } from '../http/request-target';
import { PROXY_AUTHORIZATION } from '../invocation/wire-names';
import type { PlatformProfile } from '../profile';
import { PROXY_METHODS, type TrafficLog } from './traffic-log';

/** Whether a request is a preflight rather than a proxied OPTIONS: no authorization, and `Access-Control-Request-Method`. */
export const isPreflight = (request: IncomingMessage): boolean =>
  request.method === 'OPTIONS' && !!request.headers['access-control-request-method'] && !request.headers[PROXY_AUTHORIZATION];

/** Answers a preflight, allowing only the origins the profile names (it never echoes an `Origin`), and records it. */
export function answerPreflight(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  { profile, traffic }: { profile: PlatformProfile; traffic: TrafficLog },
) {
  const origin = headerValue(request.headers, 'origin');
  const allowed = origin !== undefined && profile.proxy.corsAllowedOrigins.includes(origin);
  response.writeHead(204, {
    ...(allowed && { 'access-control-allow-origin': origin, vary: 'Origin' }),
    'access-control-allow-methods': PROXY_METHODS.join(', '),
    'access-control-allow-headers': headerValue(request.headers, 'access-control-request-headers') ?? PROXY_AUTHORIZATION,
    'access-control-max-age': '600',
    allow: PROXY_METHODS.join(', '),
  });
  response.end();
  const target = path.slice('/proxy/'.length);
  traffic.record({
    invocationId: undefined,
    routeKey: undefined,
    kind: 'preflight',
    method: 'OPTIONS',
    target,
    host: target.split('/')[0] ?? '',
    decision: 'forwarded',
    status: 204,
    requestBytes: 0,
    responseBytes: 0,
    durationMs: 0,
    callerTokenSeen: false,
    as: undefined,
  });
}
