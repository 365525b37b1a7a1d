import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForgeApp } from '../../app/forge-app';
import { resolveHandler } from '../../app/handler-reference';
import { listen, type RunningServer } from '../http/listen';
import { sendJson } from '../http/respond';
import type { Rejection } from '../profile';
import type { LiveInvocation } from '../proxy/invocation-registry';
import type { FunctionInvoker } from '../runtime/runtime-server';
import type { GatewayCall } from './call';
import type { GatewayDependencies } from './checks/check';
import { CHECKS } from './checks';
import { handlerContext, headerLists, headerMatcher, invocationPayload, readFunctionResponse } from './invocation';
import { ObservationLog, type CallObservation } from './observation-log';
import { GatewayRejection } from './rejection';

export const CORRELATION_HEADER = 'x-conformance-correlation-id';
export const IDENTITY_HEADER = 'x-slauth-user-context-account-id';
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length'];

export interface GatewayOptions extends GatewayDependencies {
  forgeApp: ForgeApp;
  runtime: FunctionInvoker;
  log?: ObservationLog;
  /** The egress proxy the function's outbound calls go to, told of each invocation while it runs. */
  egress?: EgressProxy;
  port?: number;
}

/** What the gateway needs of the egress proxy. */
export interface EgressProxy {
  url: string;
  startInvocation(invocation: LiveInvocation): Promise<void>;
  finishInvocation(invocationId: string): Promise<void>;
}

export interface RunningGateway extends RunningServer {
  log: ObservationLog;
}

/**
 * The apiRoute gateway: both URL forms, the profile's check pipeline, the invocation of the
 * app's handler and the translation of its result, with every call recorded in the
 * observation log. Everything the caller sees comes from the profile.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { profile, forgeApp, runtime } = options;
  const log = options.log ?? new ObservationLog();
  const pipeline = profile.gateway.checkOrder.map((name) => ({ name, check: CHECKS[name] }));
  const stripped = headerMatcher([...profile.gateway.strippedRequestHeaders, CORRELATION_HEADER, ...HOP_BY_HOP, ...(profile.gateway.forwardAuthorizationHeader ? [] : ['authorization'])]);
  const handlers = new Map(forgeApp.functions.map((fn) => [fn.key, resolveHandler(forgeApp, fn.handler)]));

  async function handleCall(request: IncomingMessage, response: ServerResponse, target: string): Promise<void> {
    const started = performance.now();
    const traceId = randomBytes(16).toString('hex');
    const call: GatewayCall = { request, target };
    const base = {
      correlationId: header(request, CORRELATION_HEADER),
      at: new Date().toISOString(),
      method: request.method ?? 'GET',
      target,
      traceId,
    };
    const finish = (status: number, rest: Partial<CallObservation>) =>
      log.record({ ...base, status, decision: rest.invocation ? 'invoked' : 'rejected', durationMs: performance.now() - started, ...rest });

    try {
      for (const { check } of pipeline) await check(call, options);
    } catch (error) {
      if (!(error instanceof GatewayRejection)) throw error;
      reject(response, error.rejection, traceId, error.headers);
      finish(error.rejection.status, { check: error.check, failureCategory: error.rejection.failureCategory, reason: error.reason });
      return;
    }

    const route = call.route!;
    const resolved = handlers.get(route.function);
    const headers = headerLists(request, { drop: stripped });
    headers[IDENTITY_HEADER] = [call.token!.accountId];
    const invocation = {
      invocationId: randomUUID(),
      functionKey: route.function,
      routeKey: route.key,
      headerNames: Object.keys(headers),
      accountId: call.token!.accountId,
    };
    if (resolved?.kind !== 'found') {
      reject(response, profile.rejections.invocationFailed, traceId);
      finish(profile.rejections.invocationFailed.status, { reason: `function ${route.function} has no loadable handler`, invocation: { ...invocation, outcome: 'threw', durationMs: 0 } });
      return;
    }
    const timeoutMs = profile.gateway.invocationTimeoutMs;
    const bearer = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
    const identity = {
      invocationId: invocation.invocationId,
      appId: options.app.id,
      envId: options.app.envId,
      installationId: call.installation!.id,
      cloudId: call.site!.cloudId,
      product: call.url!.product,
      accountId: call.token!.accountId,
    };
    await options.egress?.startInvocation({ ...identity, routeKey: route.key, callerTokenSha256: bearer && createHash('sha256').update(bearer).digest('hex') });
    const outcome = await runtime.invoke({
      file: resolved.file,
      exportName: resolved.exportName,
      payload: invocationPayload(call, headers),
      handlerContext: handlerContext(call, options.app.envId),
      context: {
        ...identity,
        functionKey: route.function,
        moduleKey: route.key,
        moduleType: 'apiRoute',
        deadline: Date.now() + timeoutMs,
        proxyUrl: options.egress?.url,
        traceId,
      },
    }, timeoutMs).finally(() => options.egress?.finishInvocation(invocation.invocationId));

    if (outcome.kind === 'timed-out') {
      reject(response, profile.rejections.invocationTimedOut, traceId);
      finish(profile.rejections.invocationTimedOut.status, { reason: `the handler ran past ${timeoutMs} ms`, invocation: { ...invocation, outcome: 'timed-out', durationMs: outcome.durationMs } });
      return;
    }
    if (outcome.kind !== 'returned') {
      reject(response, profile.rejections.invocationFailed, traceId);
      finish(profile.rejections.invocationFailed.status, { reason: outcome.kind === 'threw' ? `the handler threw: ${outcome.message}` : outcome.reason, invocation: { ...invocation, outcome: outcome.kind, durationMs: outcome.durationMs } });
      return;
    }
    const result = readFunctionResponse(outcome.value);
    if (typeof result === 'string') {
      reject(response, profile.rejections.invocationFailed, traceId);
      finish(profile.rejections.invocationFailed.status, { reason: `bad result: ${result}`, invocation: { ...invocation, outcome: 'bad-result', durationMs: outcome.durationMs } });
      return;
    }
    const body = Buffer.from(result.body ?? '', 'utf8');
    const responseHeaders: Record<string, string[] | string | number> = { 'atl-traceid': traceId, 'content-length': body.length };
    for (const [name, values] of Object.entries(result.headers)) if (!HOP_BY_HOP.includes(name.toLowerCase())) responseHeaders[name] = values;
    response.writeHead(result.statusCode, result.statusText, responseHeaders);
    response.end(body);
    finish(result.statusCode, { invocation: { ...invocation, outcome: 'returned', durationMs: outcome.durationMs } });
  }

  const server = await listen(async (request, response) => {
    const target = request.url ?? '/';
    const path = target.split('?')[0];
    try {
      if (path === '/_edge/tenant_info' && request.method === 'GET') {
        const site = await options.directory.siteByHost(request.headers.host ?? '');
        return site ? sendJson(response, 200, { cloudId: site.cloudId }) : sendJson(response, 404, { message: 'no site answers to this host' });
      }
      if (path === '/_observe/calls' && request.method === 'GET') {
        const correlationId = new URL(target, 'http://gateway.invalid').searchParams.get('correlationId') ?? undefined;
        return sendJson(response, 200, log.query({ correlationId }));
      }
      await handleCall(request, response, target);
    } catch (error) {
      // A fault of the emulator itself, never of the app: say so rather than pretend it was the app.
      if (!response.headersSent) sendJson(response, 500, { code: 500, message: `Platform emulator error: ${(error as Error).message}` });
      else response.destroy();
    }
  }, options.port);
  return { ...server, log };
}

function reject(response: ServerResponse, rejection: Rejection, traceId: string, extra: Record<string, string> = {}): void {
  const body = rejection.status >= 500 ? { ...rejection.body, traceId } : rejection.body;
  sendJson(response, rejection.status, body, {
    'atl-traceid': traceId,
    ...(rejection.failureCategory && { 'x-failure-category': rejection.failureCategory }),
    ...extra,
  });
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
