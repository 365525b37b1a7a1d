import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject } from '../http/body';
import { HttpError } from '../http/http-error';
import { listen, type RunningServer } from '../http/listen';
import { sendJson } from '../http/respond';
import { Router } from '../http/router';
import type { PlatformProfile } from '../profile';
import type { AllowList } from './allow-list';
import { FetchBudget } from './fetch-budget';
import { forward } from './forward';
import type { InvocationRegistry, LiveInvocation } from './invocation-registry';
import { parseProxyAuthorization, PROXY_AUTHORIZATION, type ProxyAuthorization } from './proxy-authorization';
import { ProxyRefusal } from './proxy-rejection';
import { parseProxyTarget } from './proxy-target';
import { PROXY_METHODS, type TrafficEntry, type TrafficLog } from './traffic-log';
import type { UpstreamStubs } from './upstream-stubs';

export interface ProxyServerOptions {
  profile: PlatformProfile;
  /** The app (uuid and environment) whose invocations this proxy serves. */
  app: { id: string; envId: string };
  allowList: AllowList;
  registry: InvocationRegistry;
  traffic: TrafficLog;
  stubs: UpstreamStubs;
  /** The app's container services, by key: where `invokeService` requests go. */
  services: Record<string, string>;
  port?: number;
}

/** Product API requests (`requestJira`, `asApp()`, `asUser()`) reach the stubs under these hosts. */
export const PRODUCT_HOSTS: Record<string, string> = { jira: 'jira.product.invalid', confluence: 'confluence.product.invalid' };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whether any header carries the bearer token whose hash the invocation was registered with. */
function carriesCallerToken(request: IncomingMessage, invocation: LiveInvocation | undefined): boolean {
  if (!invocation?.callerTokenSha256) return false;
  return Object.values(request.headers).flat().some((value) => {
    for (const [, token] of String(value).matchAll(/Bearer\s+([^\s,]+)/gi)) if (sha256(token!) === invocation.callerTokenSha256) return true;
    return false;
  });
}

/**
 * The Forge Outbound Proxy: `/proxy/{target}` for the seven methods, plus the platform's own
 * routes for product requests and container services. Each request's authorization is parsed
 * strictly, its invocation checked live, its target matched against the manifest's allow-list,
 * and then forwarded, with everything recorded in the traffic log.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<RunningServer> {
  const { profile, registry, traffic, allowList, stubs } = options;
  const refusals = profile.proxy.rejections;
  const budget = new FetchBudget(profile.proxy.requestsPerInvocationMinute);

  const liveInvocation = (auth: ProxyAuthorization): LiveInvocation => {
    const found = auth.invocationId ? registry.find(auth.invocationId) : undefined;
    const invocation = auth.invocationId ? found?.invocation : registry.liveForInstallation(auth.installationId!);
    if (auth.invocationId && !found) throw new ProxyRefusal(refusals.invalidInvocation, `no invocation ${auth.invocationId}`);
    if (found?.state === 'finished') throw new ProxyRefusal(refusals.invalidInvocation, `invocation ${auth.invocationId} has finished`);
    if (!invocation) throw new ProxyRefusal(refusals.invalidInvocation, `installation ${auth.installationId} has no running invocation`);
    if (invocation.appId !== options.app.id || invocation.envId !== options.app.envId) throw new ProxyRefusal(refusals.invalidInvocation, `invocation ${invocation.invocationId} belongs to another app`);
    return invocation;
  };

  /** Runs one proxied request, answering refusals in one place and recording it either way. */
  const proxied = async (
    request: IncomingMessage,
    response: ServerResponse,
    kind: TrafficEntry['kind'],
    resolve: (invocation: LiveInvocation, auth: ProxyAuthorization) => { url: URL; target: string; extraHeaders?: Record<string, string> },
  ) => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    let invocation: LiveInvocation | undefined;
    let auth: ProxyAuthorization | undefined;
    let target = decodeURI(request.url ?? '').replace(/^\/(proxy|product|service)\//, '');
    let host = target.split('/')[0] ?? '';
    try {
      if (!(PROXY_METHODS as readonly string[]).includes(method)) throw new HttpError(405, `${method} is not proxied`, undefined, { allow: PROXY_METHODS.join(', ') });
      auth = parseProxyAuthorization(header(request, PROXY_AUTHORIZATION), profile);
      invocation = liveInvocation(auth);
      const resolved = resolve(invocation, auth);
      target = resolved.target;
      if (!budget.take(invocation.invocationId)) {
        throw new ProxyRefusal(refusals.fetchLimitExceeded, `invocation ${invocation.invocationId} has made ${profile.proxy.requestsPerInvocationMinute} network requests in the last minute, the most Forge allows`);
      }
      // A container service is known by its key, not by the loopback port it happens to listen on.
      host = kind === 'service' ? target.split('/')[0]! : resolved.url.host;
      const result = await forward({ client: request, response, url: resolved.url, method, extraHeaders: resolved.extraHeaders }, { profile, stubs });
      traffic.record({ invocationId: invocation.invocationId, routeKey: invocation.routeKey, kind, method, target, host, decision: 'forwarded', status: result.status, requestBytes: result.requestBytes, responseBytes: result.responseBytes, durationMs: performance.now() - started, callerTokenSeen: carriesCallerToken(request, invocation), as: auth.as });
    } catch (error) {
      if (!(error instanceof ProxyRefusal) && !(error instanceof HttpError)) throw error;
      const status = error instanceof ProxyRefusal ? error.rejection.status : error.status;
      const code = error instanceof ProxyRefusal ? error.rejection.error : undefined;
      if (!response.headersSent) sendJson(response, status, { code: status, message: error.message }, { ...(code && { 'forge-proxy-error': code }), ...(error instanceof HttpError ? error.headers : {}) });
      else response.destroy();
      request.resume();
      traffic.record({ invocationId: invocation?.invocationId ?? auth?.invocationId, routeKey: invocation?.routeKey, kind, method, target, host, decision: 'refused', error: code, reason: error.message, status, requestBytes: 0, responseBytes: 0, durationMs: performance.now() - started, callerTokenSeen: carriesCallerToken(request, invocation), as: auth?.as });
    }
  };

  const router = new Router()
    .on('POST', '/_internal/invocations', async ({ request, response }) => {
      const body = await readJsonObject(request);
      if (typeof body.invocationId !== 'string') throw new HttpError(400, 'invocationId is required');
      registry.start(body as unknown as LiveInvocation);
      sendJson(response, 201, { registered: body.invocationId });
    })
    .on('PUT', '/_internal/services/:key', async ({ request, response, params }) => {
      const { url } = await readJsonObject(request);
      if (typeof url !== 'string') throw new HttpError(400, 'url is required');
      options.services[params.key!] = url;
      sendJson(response, 200, { service: params.key, url });
    })
    .on('DELETE', '/_internal/invocations/:id', ({ response, params }) => {
      registry.finish(params.id!);
      budget.forget(params.id!);
      sendJson(response, 200, { finished: params.id });
    })
    .on('GET', '/_observe/traffic', ({ response, url }) => sendJson(response, 200, traffic.query({ invocationId: url.searchParams.get('invocationId') ?? undefined })))
    .on('GET', '/_observe/coverage', ({ response }) => sendJson(response, 200, traffic.methodCoverage()));

  return listen(async (request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    try {
      if (await router.handle(request, response)) return;
      if (path.startsWith('/proxy/') || path === '/proxy') {
        // A browser's CORS preflight carries no custom headers: the proxy answers it itself.
        if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] && !request.headers[PROXY_AUTHORIZATION]) {
          response.writeHead(204, {
            'access-control-allow-origin': header(request, 'origin') ?? '*',
            'access-control-allow-methods': PROXY_METHODS.join(', '),
            'access-control-allow-headers': header(request, 'access-control-request-headers') ?? PROXY_AUTHORIZATION,
            'access-control-max-age': '600',
            allow: PROXY_METHODS.join(', '),
          });
          response.end();
          traffic.record({ invocationId: undefined, routeKey: undefined, kind: 'preflight', method: 'OPTIONS', target: path.slice('/proxy/'.length), host: path.slice('/proxy/'.length).split('/')[0] ?? '', decision: 'forwarded', status: 204, requestBytes: 0, responseBytes: 0, durationMs: 0, callerTokenSeen: false, as: undefined });
          return;
        }
        return await proxied(request, response, 'external', () => {
          const url = parseProxyTarget(request.url ?? '');
          if (!url) throw new ProxyRefusal(refusals.invalidTarget, `${request.url} names no host and path after /proxy/`);
          const target = `${url.host}${url.pathname}${url.search}`;
          if (!allowList.allows(url)) {
            throw new ProxyRefusal(refusals.egressNotAllowed, `URL not included in the external fetch backend permissions: ${url.href}. Visit go.atlassian.com/forge-egress for more information.`);
          }
          return { url, target };
        });
      }
      const product = /^\/product\/(jira|confluence)(\/.*)?$/.exec(request.url ?? '');
      if (product) {
        return await proxied(request, response, 'product', (invocation, auth) => {
          const url = new URL(`https://${PRODUCT_HOSTS[product[1]!]}${product[2] ?? '/'}`);
          // The product sees who is asking: the app, or the user it acts for.
          const principal = auth.as === 'user' ? `user:${auth.accountId ?? invocation.accountId ?? ''}` : 'app';
          return { url, target: `${url.host}${url.pathname}${url.search}`, extraHeaders: { 'x-forge-principal': principal, 'x-forge-cloud-id': invocation.cloudId } };
        });
      }
      const service = /^\/service\/([a-z0-9-]+)(\/.*)?$/.exec(request.url ?? '');
      if (service) {
        return await proxied(request, response, 'service', (invocation) => {
          const base = options.services[service[1]!];
          if (!base) throw new ProxyRefusal(refusals.invalidServiceKey, `the app has no container service "${service[1]}"`);
          const url = new URL(service[2] ?? '/', base);
          const traceId = invocation.invocationId.replace(/-/g, '').slice(0, 32).padEnd(32, '0');
          return {
            url,
            target: `service:${service[1]}${url.pathname}${url.search}`,
            extraHeaders: {
              'x-forge-invocation-id': invocation.invocationId,
              'x-b3-traceid': traceId,
              'x-b3-spanid': traceId.slice(0, 16),
              'x-forge-invocation-log-attributes': JSON.stringify({ appId: invocation.appId, environmentId: invocation.envId, installationId: invocation.installationId, routeKey: invocation.routeKey }),
            },
          };
        });
      }
      sendJson(response, 404, { code: 404, message: `${path} is not a proxy route: use /proxy/{host}/{path}` });
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, { code: 500, message: `egress proxy error: ${(error as Error).message}` });
      else response.destroy();
    }
  }, options.port);
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
