/** The Forge Outbound Proxy's HTTP server: which route takes a request, and the control API beside them. */
import { serve, type RunningServer } from '../http/listen';
import { sendJson } from '../http/respond';
import type { InvocationRegistry } from '../invocation/registry';
import type { PlatformProfile } from '../profile';
import type { AllowList } from './allow-list';
import { proxyControlRoutes } from './control-routes';
import { FetchBudget } from './fetch-budget';
import { invocationSources, type InvocationSource } from './invocation-source';
import { answerPreflight, isPreflight } from './preflight';
import { proxied } from './proxied';
import type { Arrived } from './rules/rule';
import type { TrafficLog } from './traffic-log';
import type { EventsService } from '../events/events-service';
import type { SqlService } from '../sql/sql-service';
import type { StorageService } from '../storage/storage-service';
import type { UpstreamStubs } from './upstream-stubs';
import { INVOCATION_CONTEXT_PATH, InvocationContextService } from './invocation-context';

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
  /** The platform's storage, which this proxy serves storage calls from. */
  storage?: StorageService;
  /** The platform's queues, and how to wait for them to settle (the deliverer). */
  events?: { service: EventsService; drain(timeoutMs: number): Promise<number> };
  /** The platform's Forge SQL (facts.md §13), when the stack runs its engine. */
  sql?: SqlService;
  /** Whether the manifest declares a `sql` module. */
  sqlEnabled?: boolean;
  /** The manifest's `permissions.scopes`. */
  permissionScopes?: readonly string[];
  /** Each module's type by its key (what `/invocation/context` names). */
  moduleTypes?: Readonly<Record<string, string>>;
  /** The stack's control key: invocations, service addresses and the logs answer only to it. */
  controlKey: string;
  port?: number;
  /** A Unix socket to listen on as well: the way in for function hosts without a network (runtime/host-isolation.ts). */
  unixSocket?: string;
}

/** The route each path takes: `/proxy/{target}`, and the platform's own for product requests and container services. */
function routeKind(path: string, url: string): Arrived['kind'] | undefined {
  if (path.startsWith('/proxy/') || path === '/proxy') return 'external';
  // The platform's own routes are matched on the whole request target, query included.
  if (/^\/product\/(jira|confluence)(\/|$)/.test(url)) return 'product';
  if (/^\/service\/[a-z0-9-]+(\/|$)/.test(url)) return 'service';
  // Storage: a function's @forge/kvs and legacy storage API, and a container's Forge KVS API (facts.md §11).
  if (/^\/platform\/(kvs|entities)\//.test(path) || path.startsWith('/forge/storage/kvs/')) return 'storage';
  // Async events: a function's @forge/events (facts.md §12).
  if (path.startsWith('/platform/events/')) return 'events';
  // Forge SQL: a function's @forge/sql, and a container's Forge SQL API (facts.md §13).
  if (path.startsWith('/platform/sql/') || path.startsWith('/forge/storage/sql/')) return 'sql';
  // A container's Forge Context API (facts.md §6).
  if (path === INVOCATION_CONTEXT_PATH) return 'context';
  return undefined;
}

/**
 * The Forge Outbound Proxy: `/proxy/{target}` for the seven methods, plus the platform's own
 * routes for product requests and container services. Each request goes through the rules
 * (rules/, one a file: method, authorization, invocation, whom it acts for, target, budget), is
 * forwarded, and is recorded in the traffic log either way (proxied.ts). The control routes answer
 * only to the stack's control key.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<RunningServer> {
  const { profile, registry, traffic, allowList, stubs, services } = options;
  const budget = new FetchBudget(profile.proxy.requestsPerInvocationMinute);
  const context = {
    profile,
    app: options.app,
    invocations: invocationSources(registry, options.gatewayInvocations),
    allowList,
    budget,
    services,
    storage: options.storage,
    events: options.events?.service,
    sql: options.sql,
    sqlEnabled: options.sqlEnabled ?? false,
    permissionScopes: options.permissionScopes ?? [],
    invocationContext: new InvocationContextService(options.app, options.moduleTypes ?? {}),
    traffic,
    stubs,
  };
  const router = proxyControlRoutes(options.controlKey, {
    registry,
    budget,
    services,
    traffic,
    storage: options.storage,
    events: options.events,
    sql: options.sql,
  });

  return serve(
    'egress proxy',
    async (request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      if (await router.handle(request, response)) return;
      const kind = routeKind(path, request.url ?? '');
      if (kind === 'external' && isPreflight(request)) return answerPreflight(request, response, path, { profile, traffic });
      if (kind) return proxied(request, response, kind, context);
      sendJson(response, 404, { code: 404, message: `${path} is not a proxy route: use /proxy/{host}/{path}` });
    },
    options.port,
    options.unixSocket,
  );
}
