/** The Forge Outbound Proxy's HTTP server: its routes, its refusals and its control endpoints. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject } from '../http/body';
import { answerWith, serve, type RunningServer } from '../http/listen';
import { asRefusal, Refusal } from '../http/refusal';
import { decodeComponent, headerValue } from '../http/request-target';
import { sendJson } from '../http/respond';
import { Router } from '../http/router';
import type { PlatformProfile } from '../profile';
import type { AllowList } from './allow-list';
import { FetchBudget } from './fetch-budget';
import { forward } from './forward';
import { bearerTokensIn, tokenSha256 } from '../invocation/caller-token';
import type { InvocationRegistry, LiveInvocation } from '../invocation/registry';
import { PROXY_AUTHORIZATION } from '../invocation/wire-names';
import { invocationSources, type InvocationSource } from './invocation-source';
import { parseProxyAuthorization, type ProxyAuthorization } from './proxy-authorization';
import { parseProxyTarget, parseServiceTarget } from './proxy-target';
import { PROXY_METHODS, type TrafficEntry, type TrafficLog } from './traffic-log';
import type { UpstreamStubs } from './upstream-stubs';

export interface ProxyServerOptions {
  profile: PlatformProfile;
  /** The app (uuid and environment) whose invocations this proxy serves. */
  app: { id: string; envId: string };
  allowList: AllowList;
  /** Invocations registered with the proxy directly (its control API); asked first. */
  registry: InvocationRegistry;
  /** The gateway's invocations, asked when a request names one the registry does not hold. */
  gatewayInvocations?: InvocationSource;
  traffic: TrafficLog;
  stubs: UpstreamStubs;
  /** The app's container services, by key: where `invokeService` requests go. */
  services: Record<string, string>;
  /** The stack's control key: invocations, service addresses and the logs answer only to it. */
  controlKey: string;
  port?: number;
}

/** Product API requests (`requestJira`, `asApp()`, `asUser()`) reach the stubs under these hosts. */
export const PRODUCT_HOSTS: Record<string, string> = { jira: 'jira.product.invalid', confluence: 'confluence.product.invalid' };

/** Whether any header carries the bearer token whose hash the invocation was registered with. */
function carriesCallerToken(request: IncomingMessage, invocation: LiveInvocation | undefined): boolean {
  if (!invocation?.callerTokenSha256) return false;
  return Object.values(request.headers)
    .flat()
    .some((value) => {
      for (const token of bearerTokensIn(String(value))) if (tokenSha256(token) === invocation.callerTokenSha256) return true;
      return false;
    });
}

type Resolve = (invocation: LiveInvocation, auth: ProxyAuthorization) => { url: URL; target: string; host?: string; extraHeaders?: Record<string, string> };

/**
 * The Forge Outbound Proxy: `/proxy/{target}` for the seven methods, plus the platform's own
 * routes for product requests and container services. Each request's authorization is parsed
 * strictly, its invocation checked live, its target matched against the manifest's allow-list,
 * and then forwarded, with everything recorded in the traffic log. The control routes (the
 * invocation registry, service addresses, the logs) answer only to the stack's control key.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<RunningServer> {
  const { profile, registry, traffic, allowList, stubs } = options;
  const invocations = invocationSources(registry, options.gatewayInvocations);
  const refusals = profile.proxy.rejections;
  const budget = new FetchBudget(profile.proxy.requestsPerInvocationMinute);

  const liveInvocation = async (auth: ProxyAuthorization): Promise<LiveInvocation> => {
    const found = auth.invocationId ? await invocations.find(auth.invocationId) : undefined;
    const invocation = auth.invocationId
      ? found?.state === 'live'
        ? found.invocation
        : undefined
      : await invocations.liveForInstallation(auth.installationId!);
    if (auth.invocationId && !found) throw Refusal.proxy(refusals.invalidInvocation, `no invocation ${auth.invocationId}`);
    if (found?.state === 'finished') throw Refusal.proxy(refusals.invalidInvocation, `invocation ${auth.invocationId} has finished`);
    if (!invocation) throw Refusal.proxy(refusals.invalidInvocation, `installation ${auth.installationId} has no running invocation`);
    if (invocation.appId !== options.app.id || invocation.envId !== options.app.envId)
      throw Refusal.proxy(refusals.invalidInvocation, `invocation ${invocation.invocationId} belongs to another app`);
    if (auth.as === 'user' && auth.accountId !== undefined && auth.accountId !== invocation.accountId && profile.proxy.impersonation === 'invoking-user-only') {
      throw Refusal.proxy(
        refusals.impersonationNotAllowed,
        `invocation ${invocation.invocationId} runs for ${invocation.accountId ?? 'no user'} and may not act as ${auth.accountId}`,
      );
    }
    return invocation;
  };

  /** Runs one proxied request, answering refusals in one place and recording it either way. */
  const proxied = async (request: IncomingMessage, response: ServerResponse, kind: TrafficEntry['kind'], resolve: Resolve) => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    let invocation: LiveInvocation | undefined;
    let auth: ProxyAuthorization | undefined;
    const raw = (request.url ?? '').replace(/^\/(proxy|product|service)\//, '');
    let target = decodeComponent(raw) ?? raw;
    let host = target.split('/')[0] ?? '';
    const actingFor = () => (auth?.as === 'user' ? { accountId: auth.accountId ?? invocation?.accountId } : {});
    const entry = () => ({
      invocationId: invocation?.invocationId ?? auth?.invocationId,
      routeKey: invocation?.routeKey,
      kind,
      method,
      target,
      host,
      callerTokenSeen: carriesCallerToken(request, invocation),
      as: auth?.as,
      ...actingFor(),
    });
    try {
      if (!(PROXY_METHODS as readonly string[]).includes(method))
        throw new Refusal(405, `${method} is not proxied`, undefined, { allow: PROXY_METHODS.join(', ') });
      auth = parseProxyAuthorization(headerValue(request.headers, PROXY_AUTHORIZATION), profile);
      invocation = await liveInvocation(auth);
      const resolved = resolve(invocation, auth);
      target = resolved.target;
      host = resolved.host ?? resolved.url.host;
      if (!budget.take(invocation.invocationId)) {
        throw Refusal.proxy(
          refusals.fetchLimitExceeded,
          `invocation ${invocation.invocationId} has made ${profile.proxy.requestsPerInvocationMinute} network requests in the last minute, the most Forge allows`,
        );
      }
      const result = await forward({ client: request, response, url: resolved.url, method, extraHeaders: resolved.extraHeaders }, { profile, stubs });
      traffic.record({
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
      traffic.record({
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
  };

  /** A browser's CORS preflight carries no custom headers: the proxy answers it itself, allowing only the profile's origins. */
  const preflight = (request: IncomingMessage, response: ServerResponse, path: string) => {
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
  };

  const router = new Router(options.controlKey)
    .control('POST', '/_internal/invocations', async ({ request, response }) => {
      const body = await readJsonObject(request);
      if (typeof body.invocationId !== 'string') throw new Refusal(400, 'invocationId is required');
      registry.start(body as unknown as LiveInvocation);
      sendJson(response, 201, { registered: body.invocationId });
    })
    .control('PUT', '/_internal/services/:key', async ({ request, response, params }) => {
      const { url } = await readJsonObject(request);
      if (typeof url !== 'string') throw new Refusal(400, 'url is required');
      options.services[params.key!] = url;
      sendJson(response, 200, { service: params.key, url });
    })
    .control('DELETE', '/_internal/invocations/:id', ({ response, params }) => {
      registry.finish(params.id!);
      budget.forget(params.id!);
      sendJson(response, 200, { finished: params.id });
    })
    .control('GET', '/_observe/traffic', ({ response, url }) =>
      sendJson(response, 200, traffic.query({ invocationId: url.searchParams.get('invocationId') ?? undefined })),
    )
    .control('GET', '/_observe/coverage', ({ response }) => sendJson(response, 200, traffic.methodCoverage()));

  return serve(
    'egress proxy',
    async (request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      if (await router.handle(request, response)) return;
      if (path.startsWith('/proxy/') || path === '/proxy') {
        if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] && !request.headers[PROXY_AUTHORIZATION])
          return preflight(request, response, path);
        return await proxied(request, response, 'external', () => {
          const url = parseProxyTarget(request.url ?? '');
          if (!url) throw Refusal.proxy(refusals.invalidTarget, `${request.url} names no host and path after /proxy/`);
          if (!allowList.allows(url)) {
            throw Refusal.proxy(
              refusals.egressNotAllowed,
              `URL not included in the external fetch backend permissions: ${url.href}. Visit go.atlassian.com/forge-egress for more information.`,
            );
          }
          return { url, target: `${url.host}${url.pathname}${url.search}` };
        });
      }
      const product = /^\/product\/(jira|confluence)(\/.*)?$/s.exec(request.url ?? '');
      if (product) {
        return await proxied(request, response, 'product', (invocation, auth) => {
          const url = parseServiceTarget(`https://${PRODUCT_HOSTS[product[1]!]}`, product[2]);
          if (!url) throw Refusal.proxy(refusals.invalidTarget, `${request.url}: a product path starts with a single /`);
          // The product sees who is asking: the app, or the user it acts for.
          const principal = auth.as === 'user' ? `user:${auth.accountId ?? invocation.accountId ?? ''}` : 'app';
          return {
            url,
            target: `${url.host}${url.pathname}${url.search}`,
            extraHeaders: { 'x-forge-principal': principal, 'x-forge-cloud-id': invocation.cloudId },
          };
        });
      }
      const service = /^\/service\/([a-z0-9-]+)(\/.*)?$/s.exec(request.url ?? '');
      if (service) {
        return await proxied(request, response, 'service', (invocation) => {
          const base = options.services[service[1]!];
          if (!base || !Object.hasOwn(options.services, service[1]!))
            throw Refusal.proxy(refusals.invalidServiceKey, `the app has no container service "${service[1]}"`);
          const url = parseServiceTarget(base, service[2]);
          if (!url) throw Refusal.proxy(refusals.invalidTarget, `${request.url}: a service path starts with a single / and stays on the service`);
          const traceId = invocation.invocationId.replace(/-/g, '').slice(0, 32).padEnd(32, '0');
          return {
            url,
            // A container service is known by its key, not by the loopback port it happens to listen on.
            target: `service:${service[1]}${url.pathname}${url.search}`,
            host: `service:${service[1]}`,
            extraHeaders: {
              'x-forge-invocation-id': invocation.invocationId,
              'x-b3-traceid': traceId,
              'x-b3-spanid': traceId.slice(0, 16),
              'x-forge-invocation-log-attributes': JSON.stringify({
                appId: invocation.appId,
                environmentId: invocation.envId,
                installationId: invocation.installationId,
                routeKey: invocation.routeKey,
              }),
            },
          };
        });
      }
      sendJson(response, 404, { code: 404, message: `${path} is not a proxy route: use /proxy/{host}/{path}` });
    },
    options.port,
  );
}
