/** The apiRoute gateway: its own endpoints, the pipeline, the observation log. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForgeApp } from '../../app/forge-app';
import { hopByHopHeaders } from '../http/hop-by-hop';
import { answerWith, serve, type RunningServer } from '../http/listen';
import { asRefusal, Refusal } from '../http/refusal';
import { headerValue } from '../http/request-target';
import { sendJson } from '../http/respond';
import { Router } from '../http/router';
import type { FunctionInvoker } from '../runtime/runtime-server';
import type { GatewayCall } from './call';
import { CORRELATION_HEADER } from './header-names';
import type { FunctionResponse } from './invocation';
import { invokeStep } from './invoke-step';
import { LiveInvocations } from './live-invocations';
import type { SecretValue } from './echoed-secrets';
import { ObservationLog } from './observation-log';
import { gatewayPipeline } from './pipeline';
import type { GatewayDependencies } from './steps/step';

export { CORRELATION_HEADER, IDENTITY_HEADER } from './header-names';

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
  /** The app's encrypted variables, which no response may carry (recorded in the observation log when one does). */
  secrets?: readonly SecretValue[];
  port?: number;
}

export interface RunningGateway extends RunningServer {
  log: ObservationLog;
}

/** 32 hex digits, as Forge's; from Node's pooled UUID entropy, which a per-call randomBytes would not use. */
const traceId = () => randomUUID().replaceAll('-', '');

/** The handler's response as the caller gets it, with the call's trace id. */
function sendFunctionResponse(response: ServerResponse, traceId: string, result: FunctionResponse): void {
  const body = Buffer.from(result.body ?? '', 'utf8');
  const headers: Record<string, string[] | string | number> = { 'atl-traceid': traceId, 'content-length': body.length };
  for (const [name, values] of Object.entries(result.headers))
    if (!CONNECTION_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== 'content-length') headers[name] = values;
  response.writeHead(result.statusCode, result.statusText, headers);
  response.end(body);
}

/** A refusal as the caller gets it: a platform failure carries the trace id in its body too, as Forge's do. */
function sendRefusal(response: ServerResponse, traceId: string, refusal: Refusal): void {
  const body = refusal.status >= 500 ? { ...refusal.body, traceId } : refusal.body;
  answerWith(response, new Refusal(refusal.status, refusal.reason, body, { 'atl-traceid': traceId, ...refusal.headers }), 'gateway');
}

/**
 * The apiRoute gateway: both URL forms, the profile's pipeline of steps ending in the invocation
 * of the app's handler, with every call recorded in the observation log, refused or not.
 * Everything the caller sees comes from the profile.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? new ObservationLog();
  const { egress } = options;
  const invocations = new LiveInvocations(egress && ((id) => egress.finishInvocation(id)));
  const pipeline = gatewayPipeline(options.profile.gateway.stepOrder, options, invokeStep({ ...options, live: invocations, proxyUrl: options.egress?.url }));

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const at = new Date().toISOString();
    const call: GatewayCall = { request, target: request.url ?? '/', traceId: traceId() };
    const observed = {
      correlationId: headerValue(request.headers, CORRELATION_HEADER),
      at,
      method: request.method ?? 'GET',
      target: call.target,
      traceId: call.traceId,
    };
    let status: number;
    let refusal: Refusal | undefined;
    try {
      const result = await pipeline(call);
      sendFunctionResponse(response, call.traceId, result);
      status = result.statusCode;
    } catch (error) {
      refusal = asRefusal(error, 'gateway');
      sendRefusal(response, call.traceId, refusal);
      status = refusal.status;
    }
    log.record({
      ...observed,
      status,
      decision: call.invocation ? 'invoked' : 'refused',
      durationMs: performance.now() - started,
      ...(refusal && { step: refusal.step, failureCategory: refusal.failureCategory, reason: refusal.reason }),
      ...(call.invocation && { invocation: call.invocation }),
    });
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
      sendJson(response, 200, found);
    })
    .control('GET', '/_internal/invocations', ({ response, url }) => {
      const live = invocations.liveForInstallation(url.searchParams.get('installationId') ?? '');
      if (!live) throw new Refusal(404, 'no live invocation of that installation');
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
