import { headerValue } from '../../http/request-target';
import { PROXY_AUTHORIZATION } from '../../invocation/wire-names';
import { parseProxyAuthorization } from '../proxy-authorization';
import type { Arrived, Authorized, ProxyRule } from './rule';

/** `forge-proxy-authorization` is there and well formed (proxy-authorization.ts reads it strictly). */
export const authorization: ProxyRule<Arrived, Authorized> = (call, { profile }) => ({
  ...call,
  auth: parseProxyAuthorization(headerValue(call.request.headers, PROXY_AUTHORIZATION), profile),
});
