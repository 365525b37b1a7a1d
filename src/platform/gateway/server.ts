/** The apiRoute gateway: its own endpoints, the pipeline of steps, the invocation, the observation log. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForgeApp } from '../../app/forge-app';
import { resolveHandler } from '../../app/handler-reference';
import { hopByHopHeaders } from '../http/hop-by-hop';
import { answerWith, serve, type RunningServer } from '../http/listen';
import { asRefusal, Refusal } from '../http/refusal';
import { headerValue } from '../http/request-target';
import { sendJson } from '../http/respond';
import { Router } from '../http/router';
import { InvocationRegistry } from '../proxy/invocation-registry';
import type { FunctionInvoker } from '../runtime/runtime-server';
import type { GatewayCall } from './call';
import type { GatewayDependencies } from './steps/step';
import { STEPS } from './steps';
import { bearerToken } from './steps/token';
import { handlerContext, headerLists, headerMatcher, invocationPayload, readFunctionResponse } from './invocation';
import { ObservationLog, type CallObservation } from './observation-log';

export const CORRELATION_HEADER = 'x-conformance-correlation-id';
export const IDENTITY_HEADER = 'x-slauth-user-context-account-id';
/** A handler's response has no `Connection` of its own to name more: the connection-level headers are the same for every one. */
const CONNECTION_HEADERS = hopByHopHeaders({});

export interface GatewayOptions extends GatewayDependencies {
  forgeApp: ForgeApp;
  runtime: FunctionInvoker;
  log?: ObservationLog;
  /**
   * The egress proxy the function's outbound calls go to. It asks the gateway about the
   * invocations it runs (/_internal/invocations); one it asked about, it keeps, so the gateway
   * finishes it there too.
   */
  egress?: { url: string; finishInvocation(invocationId: string): Promise<void> };
  /** The stack's control key: the observation log answers only to it. */
  controlKey: string;
  port?: number;
}

export interface RunningGateway extends RunningServer {
  log: ObservationLog;
}

type InvocationRecord = NonNullable<CallObservation['invocation']>;

/**
 * The apiRoute gateway: both URL forms, the profile's pipeline of steps, the invocation of the
 * app's handler and the translation of its result, with every call recorded in the
 * observation log, refused or not. Everything the caller sees comes from the profile.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { profile, forgeApp, runtime } = options;
  const { rejections } = profile;
  const log = options.log ?? new ObservationLog();
  const invocations = new InvocationRegistry();
  /** Live invocations the proxy has asked about (and keeps). */
  const askedAbout = new Set<string>();
  const pipeline = profile.gateway.stepOrder.map((name) => STEPS[name]);
  const stripped = headerMatcher([
    ...profile.gateway.strippedRequestHeaders,
    CORRELATION_HEADER,
    'content-length',
    ...(profile.gateway.forwardAuthorizationHeader ? [] : ['authorization']),
  ]);
  const handlers = new Map(forgeApp.functions.map((fn) => [fn.key, resolveHandler(forgeApp, fn.handler)]));

  /** Runs the route's handler for a call that passed every step; throws a Refusal when it fails. */
  async function invoke(call: GatewayCall, traceId: string, invocation: InvocationRecord) {
    const resolved = handlers.get(call.route!.function);
    if (resolved?.kind !== 'found')
      throw Refusal.gateway('invocation', rejections.invocationFailed, `function ${call.route!.function} has no loadable handler`);
    const timeoutMs = profile.gateway.invocationTimeoutMs;
    const hopByHop = hopByHopHeaders(call.request.headers);
    const headers = headerLists(call.request, { drop: (name) => stripped(name) || hopByHop.has(name) });
    headers[IDENTITY_HEADER] = [call.token!.accountId];
    invocation.headerNames = Object.keys(headers);
    const identity = {
      invocationId: invocation.invocationId,
      appId: options.app.id,
      envId: options.app.envId,
      installationId: call.installation!.id,
      cloudId: call.site!.cloudId,
      product: call.url!.product,
      accountId: call.token!.accountId,
    };
    const message = {
      file: resolved.file,
      exportName: resolved.exportName,
      payload: invocationPayload(call, headers),
      handlerContext: handlerContext(call, options.app.envId),
      context: {
        ...identity,
        functionKey: call.route!.function,
        moduleKey: call.route!.key,
        moduleType: 'apiRoute',
        deadline: Date.now() + timeoutMs,
        proxyUrl: options.egress?.url,
        traceId,
      },
    };
    const bearer = bearerToken(call.request.headers.authorization);
    // Live only for as long as the handler runs, whatever happens; the proxy asks about it only if the handler egresses.
    invocations.start({ ...identity, routeKey: call.route!.key, callerTokenSha256: bearer && createHash('sha256').update(bearer).digest('hex') });
    const outcome = await runtime.invoke(message, timeoutMs).finally(async () => {
      invocations.finish(invocation.invocationId);
      // Only an invocation that egressed is known to the proxy; it is finished there before the call's answer goes out.
      if (askedAbout.delete(invocation.invocationId)) await options.egress?.finishInvocation(invocation.invocationId);
    });
    invocation.durationMs = outcome.durationMs;
    if (outcome.kind === 'timed-out') {
      invocation.outcome = 'timed-out';
      throw Refusal.gateway('invocation', rejections.invocationTimedOut, `the handler ran past ${timeoutMs} ms`);
    }
    if (outcome.kind !== 'returned') {
      invocation.outcome = outcome.kind;
      throw Refusal.gateway('invocation', rejections.invocationFailed, outcome.kind === 'threw' ? `the handler threw: ${outcome.message}` : outcome.reason);
    }
    const result = readFunctionResponse(outcome.value);
    if (typeof result === 'string') {
      invocation.outcome = 'bad-result';
      throw Refusal.gateway('invocation', rejections.invocationFailed, `bad result: ${result}`);
    }
    invocation.outcome = 'returned';
    return result;
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const at = new Date().toISOString();
    const traceId = randomBytes(16).toString('hex');
    const target = request.url ?? '/';
    const call: GatewayCall = { request, target };
    const record = (status: number, rest: Partial<CallObservation>) =>
      log.record({
        correlationId: headerValue(request.headers, CORRELATION_HEADER),
        at,
        method: request.method ?? 'GET',
        target,
        traceId,
        status,
        decision: rest.invocation ? 'invoked' : 'rejected',
        durationMs: performance.now() - started,
        ...rest,
      });
    let invocation: InvocationRecord | undefined;
    try {
      for (const step of pipeline) await step(call, options);
      invocation = {
        invocationId: randomUUID(),
        functionKey: call.route!.function,
        routeKey: call.route!.key,
        outcome: 'crashed',
        durationMs: 0,
        headerNames: [],
        accountId: call.token!.accountId,
      };
      const result = await invoke(call, traceId, invocation);
      const body = Buffer.from(result.body ?? '', 'utf8');
      const headers: Record<string, string[] | string | number> = { 'atl-traceid': traceId, 'content-length': body.length };
      for (const [name, values] of Object.entries(result.headers))
        if (!CONNECTION_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== 'content-length') headers[name] = values;
      response.writeHead(result.statusCode, result.statusText, headers);
      response.end(body);
      record(result.statusCode, { invocation });
    } catch (error) {
      const refusal = asRefusal(error, 'gateway');
      // A platform failure carries the trace id in its body too, as Forge's do.
      const body = refusal.status >= 500 ? { ...refusal.body, traceId } : refusal.body;
      answerWith(response, new Refusal(refusal.status, refusal.reason, body, { 'atl-traceid': traceId, ...refusal.headers }), 'gateway');
      record(refusal.status, { step: refusal.step, failureCategory: refusal.failureCategory, reason: refusal.reason, ...(invocation && { invocation }) });
    }
  }

  const router = new Router(options.controlKey)
    .on('GET', '/_edge/tenant_info', async ({ request, response }) => {
      const site = await options.directory.siteByHost(headerValue(request.headers, 'host') ?? '');
      if (!site) throw new Refusal(404, 'no site answers to this host');
      sendJson(response, 200, { cloudId: site.cloudId });
    })
    .control('GET', '/_observe/calls', ({ response, url }) =>
      sendJson(response, 200, log.query({ correlationId: url.searchParams.get('correlationId') ?? undefined })),
    )
    // The egress proxy asks which invocations it may act for (proxy/invocation-source.ts).
    .control('GET', '/_internal/invocations/:id', ({ response, params }) => {
      const found = invocations.find(params.id!);
      if (!found) throw new Refusal(404, `no invocation ${params.id}`);
      if (found.state === 'live') askedAbout.add(params.id!);
      sendJson(response, 200, found);
    })
    .control('GET', '/_internal/invocations', ({ response, url }) => {
      const live = invocations.liveForInstallation(url.searchParams.get('installationId') ?? '');
      if (!live) throw new Refusal(404, 'no live invocation of that installation');
      askedAbout.add(live.invocationId);
      sendJson(response, 200, live);
    });

  // The gateway's own endpoints start with `/_`; every other request is a call, and is observed.
  const server = await serve(
    'gateway',
    async (request, response) => {
      if (!/^\/_(edge|observe|internal)\//.test(request.url ?? '') || !(await router.handle(request, response))) await handleCall(request, response);
    },
    options.port,
  );
  return { ...server, log };
}
