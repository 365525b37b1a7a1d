/** One proxied request, end to end: its rules, the upstream, and its line in the traffic log either way. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerWith } from '../http/listen';
import { asRefusal } from '../http/refusal';
import { decodeComponent } from '../http/request-target';
import { BODY_SEARCHED, tokenPlaces } from '../invocation/token-search';
import { once } from 'node:events';
import type { LiveInvocation } from '../invocation/registry';
import { forward } from './forward';
import { applyRules } from './rules';
import { isPlatformService, type Arrived, type PlatformServiceKind, type ProxyContext, type Resolved } from './rules/rule';
import type { TrafficEntry, TrafficLog } from './traffic-log';
import type { UpstreamStubs } from './upstream-stubs';

/** Where the request holds the token whose hash the invocation was registered with: any header, the path, the query, the body. */
function callerTokenPlaces(request: IncomingMessage, invocation: LiveInvocation | undefined, body?: readonly Buffer[]): string[] {
  if (!invocation?.callerTokenSha256) return [];
  return tokenPlaces(invocation.callerTokenSha256, { headers: request.headers, target: request.url ?? '', ...(body && { body }) });
}

/**
 * The first BODY_SEARCHED bytes of a request's body, kept as the forwarder reads them (`see`: it
 * alone reads a forwarded body, so nothing is read out of turn). `rest()` reads what nobody did,
 * a refused request's, for a second at most, and drops what is past the kept size.
 */
function keptBody(request: IncomingMessage) {
  const head: Buffer[] = [];
  let kept = 0;
  const see = (chunk: Buffer) => {
    if (kept < BODY_SEARCHED) head.push(chunk.subarray(0, BODY_SEARCHED - kept));
    kept += chunk.length;
  };
  return {
    see,
    /** The kept chunks, as they came (the search joins them only if it must). */
    body: (): readonly Buffer[] => head,
    async rest(): Promise<readonly Buffer[]> {
      if (!request.readableEnded && !request.destroyed) {
        if (request.listenerCount('data') === 0) request.on('data', see);
        request.resume();
        await Promise.race([once(request, 'end').catch(() => undefined), once(request, 'close'), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      }
      return head;
    },
  };
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
  // The body as it went out (or was refused), kept up to the searched size for the token search.
  const sent = keptBody(request);
  const entry = (body?: readonly Buffer[]) => {
    const { auth, invocation } = known;
    const tokenAt = callerTokenPlaces(request, invocation, body);
    return {
      invocationId: invocation?.invocationId ?? auth?.invocationId,
      routeKey: invocation?.routeKey,
      kind,
      method: arrived.method,
      target: known.target,
      host: known.host ?? known.target.split('/')[0] ?? '',
      callerTokenSeen: tokenAt.length > 0,
      ...(tokenAt.length > 0 && { callerTokenAt: tokenAt }),
      as: auth?.as,
      ...(auth?.as === 'user' && { accountId: auth.accountId ?? invocation?.accountId }),
    };
  };
  try {
    const call = await applyRules(arrived, context, (stage) => (known = { ...known, ...stage }));
    known = call;
    // The platform's services are served here, for the invocation the rules checked; everything else goes upstream.
    const service = { storage: context.storage, events: context.events, sql: context.sql, context: context.invocationContext }[kind as PlatformServiceKind];
    const result = service
      ? { ...(await service.serve(call.url.pathname, request, response, call.invocation)), requestBytes: 0, responseBytes: 0 }
      : await forward({ client: request, response, url: call.url, method: call.method, extraHeaders: call.extraHeaders, seen: sent.see }, context);
    record({
      ...entry(service ? undefined : sent.body()),
      decision: 'forwarded',
      status: result.status,
      requestBytes: result.requestBytes,
      responseBytes: result.responseBytes,
      durationMs: performance.now() - started,
    });
  } catch (error) {
    const refusal = answerWith(response, asRefusal(error, 'egress proxy'), 'egress proxy');
    // A refused request's body is read all the same: what it tried to send out is searched too.
    record({
      ...entry(isPlatformService(kind) ? undefined : await sent.rest()),
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
