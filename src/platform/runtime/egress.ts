/** Routing every outbound request a handler makes through the egress proxy. */
import { BatchInterceptor } from '@mswjs/interceptors';
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { syncBuiltinESMExports } from 'node:module';
import { currentInvocation } from './forge-globals';
import type { InvocationContext } from './protocol';
import { PROXY_AUTHORIZATION, proxyAuthorization, TARGET_SCHEME } from '../invocation/wire-names';
import { isLoopback } from '../http/loopback';
import { ownConnectionsFetch } from './runtime-connections';

/** The fetch the runtime's own requests go out on, around the interceptor (runtime-connections.ts); set when egress is routed. */
let runtimeFetch: typeof fetch | undefined;

/** A request of the runtime's own to the proxy. */
function toProxy(context: InvocationContext, path: string, init: RequestInit, auth: string): Promise<Response> {
  if (!runtimeFetch) throw new TypeError('the runtime reaches the proxy only once egress is routed through it');
  const headers = new Headers(init.headers);
  headers.set(PROXY_AUTHORIZATION, auth);
  return runtimeFetch(`${context.proxyUrl}${path}`, { ...init, headers, redirect: 'manual' });
}

/**
 * Every outbound HTTP request a function makes (global fetch, node:http, node:https, and any
 * client built on them) goes to the egress proxy for the current invocation (facts.md §5), and
 * none made through Node's networking reaches the network around it (worker threads are routed
 * by worker-threads.ts; a spawned process has no network only where the host is isolated:
 * host-isolation.ts, docs/platform.md, security). Undeclared egress
 * fails as @forge/api reports it: ExternalEndpointNotAllowedError (403, REQUEST_EGRESS_ALLOWLIST_ERR).
 * `outside`: the invocation a request made outside any invocation's context acts for (in a
 * worker thread, the one that started it: worker-egress.ts); `proxySocket`: the proxy's Unix
 * socket, the runtime's way to it in a host without a network (host-isolation.ts).
 */
export function routeEgressThroughProxy({ outside, proxySocket }: { outside?: InvocationContext; proxySocket?: string } = {}): void {
  runtimeFetch = ownConnectionsFetch(proxySocket);
  const interceptor = new BatchInterceptor({ name: 'forge-egress', interceptors: [new ClientRequestInterceptor(), new FetchInterceptor()] });
  interceptor.apply();
  // The interceptor patches node:http(s) as CommonJS objects; ES module imports of them
  // (`import { request } from 'node:https'`) see the patch only once the exports are synced.
  syncBuiltinESMExports();
  // Every request the interceptor sees is the app's, and is answered or failed here: one let pass would go to its host unproxied.
  interceptor.on('request', async ({ request, controller }) => {
    const context = currentInvocation.getStore() ?? outside;
    if (!context?.proxyUrl) {
      controller.errorWith(
        new TypeError(
          `no egress proxy for this request to ${new URL(request.url).host}: functions reach the network only through the platform's proxy, during an invocation`,
        ),
      );
      return;
    }
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    // The proxy's target form has no scheme: one that is not https is said apart, and never by the app.
    const headers = new Headers(request.headers);
    headers.delete(TARGET_SCHEME);
    if (url.protocol !== 'https:' && !isLoopback(url)) headers.set(TARGET_SCHEME, url.protocol.replace(/:$/, ''));
    const answer = await toProxy(
      context,
      `/proxy/${url.host}${url.pathname}${url.search}`,
      { method: request.method, headers, ...(body && body.byteLength > 0 && { body }) },
      proxyAuthorization(context.invocationId),
    );
    if (answer.headers.get('forge-proxy-error') === 'REQUEST_EGRESS_ALLOWLIST_ERR') {
      // Imported only now: @forge/api keeps the global fetch it finds when first loaded, which must be the routed one.
      const { ExternalEndpointNotAllowedError } = await import('@forge/api');
      controller.errorWith(new ExternalEndpointNotAllowedError(url.href));
      return;
    }
    controller.respondWith(answer);
  });

  // fetch turns the interceptor's error into TypeError('fetch failed', { cause }): hand apps the error itself.
  const intercepted = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    try {
      return await intercepted(input, init);
    } catch (error) {
      const cause = (error as { cause?: { name?: string } }).cause;
      if (cause?.name === 'REQUEST_EGRESS_ALLOWLIST_ERR') throw cause;
      throw error;
    }
  };
}

interface FetchDescriptor {
  type: string;
  provider?: string;
  remote?: string;
  service?: string;
  accountId?: string;
}

/**
 * `global.__forge_fetch__`, which @forge/api uses for product requests (`requestJira`,
 * `asApp()`, `asUser()`) and container services (`invokeService`), @forge/kvs for storage,
 * @forge/events for queues and @forge/sql for SQL: all through the proxy, which checks the invocation and names its installation.
 */
export async function forgeFetch(descriptor: FetchDescriptor, path: string, init: RequestInit = {}): Promise<Response> {
  const context = currentInvocation.getStore();
  if (!context?.proxyUrl) throw new TypeError('product and service requests need the egress proxy, during an invocation');
  const relative = path.startsWith('/') ? path : `/${path}`;
  if (descriptor.type === 'fpp' && (descriptor.remote === 'jira' || descriptor.remote === 'confluence')) {
    const as = descriptor.provider === 'user' ? 'user' : 'app';
    return toProxy(
      context,
      `/product/${descriptor.remote}${relative}`,
      init,
      proxyAuthorization(context.invocationId, as, descriptor.accountId ?? context.accountId),
    );
  }
  // @forge/kvs (facts.md §11): the platform's storage, for this invocation's installation.
  if (descriptor.type === 'kvs') return toProxy(context, `/platform/kvs${relative}`, init, proxyAuthorization(context.invocationId));
  // The legacy storage API (@forge/storage, the `storage` of @forge/api up to 7): GraphQL to the same store.
  if (descriptor.type === 'fpp' && descriptor.remote === 'stargate' && relative === '/forge/entities/graphql')
    return toProxy(context, '/platform/entities/graphql', init, proxyAuthorization(context.invocationId));
  // @forge/events (facts.md §12): the platform's queues, through the same stargate remote.
  if (descriptor.type === 'fpp' && descriptor.remote === 'stargate' && /^\/(webhook\/queue|forge\/events)\//.test(relative))
    return toProxy(context, `/platform/events${relative}`, init, proxyAuthorization(context.invocationId));
  // @forge/sql (facts.md §13): the installation's database.
  if (descriptor.type === 'sql') return toProxy(context, `/platform/sql${relative}`, init, proxyAuthorization(context.invocationId));
  if (descriptor.type === 'fcc' && descriptor.service) {
    return toProxy(context, `/service/${encodeURIComponent(descriptor.service)}${relative}`, init, proxyAuthorization(context.invocationId));
  }
  const code = descriptor.type === 'fcc' ? 'INVALID_SERVICE_KEY' : 'INVALID_REMOTE';
  return new Response(JSON.stringify({ message: `the emulator does not serve ${descriptor.type} requests to ${descriptor.remote ?? descriptor.service}` }), {
    status: 400,
    headers: { 'forge-proxy-error': code },
  });
}
