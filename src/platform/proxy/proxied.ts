/** One proxied request, end to end: its rules, the upstream, and its line in the traffic log either way. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerWith } from '../http/listen';
import { asRefusal } from '../http/refusal';
import { decodeComponent } from '../http/request-target';
import { bearerTokensIn, tokenSha256 } from '../invocation/caller-token';
import type { LiveInvocation } from '../invocation/registry';
import { forward } from './forward';
import { applyRules } from './rules';
import { isPlatformService, type Arrived, type ProxyContext, type Resolved } from './rules/rule';
import type { TrafficEntry, TrafficLog } from './traffic-log';
import type { UpstreamStubs } from './upstream-stubs';

/** Whether any header carries the bearer token whose hash the invocation was registered with. */
function carriesCallerToken(request: IncomingMessage, invocation: LiveInvocation | undefined): boolean {
  if (!invocation?.callerTokenSha256) return false;
  return Object.values(request.headers)
    .flat()
    .some((value) => bearerTokensIn(String(value)).some((token) => tokenSha256(token) === invocation.callerTokenSha256));
}

/**
 * Runs one request through the rules and forwards it. Egress is recorded in the traffic log with
 * what the rules had learned by then (whom it acted for, where it went); calls to the platform's
 * own services are not egress, and are not recorded there.
 */
export async function proxied(
  request: IncomingMessage,
  response: ServerResponse,
  kind: Arrived['kind'],
  context: ProxyContext & { traffic: TrafficLog; stubs: UpstreamStubs },
): Promise<void> {
  const started = performance.now();
  const raw = (request.url ?? '').replace(/^\/(proxy|product|service)\//, '');
  const arrived: Arrived = { request, method: request.method ?? 'GET', kind, target: decodeComponent(raw) ?? raw };
  let known: Partial<Resolved> & Arrived = arrived;
  const record = (line: Omit<TrafficEntry, 'id' | 'at' | 'kind'> & { kind: Arrived['kind'] }) => {
    if (!isPlatformService(line.kind)) context.traffic.record({ ...line, kind: line.kind });
  };
  const entry = () => {
    const { auth, invocation } = known;
    return {
      invocationId: invocation?.invocationId ?? auth?.invocationId,
      routeKey: invocation?.routeKey,
      kind,
      method: arrived.method,
      target: known.target,
      host: known.host ?? known.target.split('/')[0] ?? '',
      callerTokenSeen: carriesCallerToken(request, invocation),
      as: auth?.as,
      ...(auth?.as === 'user' && { accountId: auth.accountId ?? invocation?.accountId }),
    };
  };
  try {
    const call = await applyRules(arrived, context, (stage) => (known = { ...known, ...stage }));
    known = call;
    // The platform's services are served here, for the invocation the rules checked; everything else goes upstream.
    const service = kind === 'storage' ? context.storage : kind === 'events' ? context.events : kind === 'sql' ? context.sql : undefined;
    const result = service
      ? { ...(await service.serve(call.url.pathname, request, response, call.invocation)), requestBytes: 0, responseBytes: 0 }
      : await forward({ client: request, response, url: call.url, method: call.method, extraHeaders: call.extraHeaders }, context);
    record({
      ...entry(),
      decision: 'forwarded',
      status: result.status,
      requestBytes: result.requestBytes,
      responseBytes: result.responseBytes,
      durationMs: performance.now() - started,
    });
  } catch (error) {
    const refusal = answerWith(response, asRefusal(error, 'egress proxy'), 'egress proxy');
    request.resume();
    record({
      ...entry(),
      decision: 'refused',
      error: refusal.proxyError,
      reason: refusal.reason,
      status: refusal.status,
      requestBytes: 0,
      responseBytes: 0,
      durationMs: performance.now() - started,
    });
  }
}
