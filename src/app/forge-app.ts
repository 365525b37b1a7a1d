/** The app under test as data: the model every capability reads, and how it is read out of the manifest. */
import { isRecord } from '../common/is-record';
import { appEventTriggers, consumerModules, endpointModules, type ConsumerModule, type EndpointModule } from './consumer-modules';
import { customEntities, type CustomEntity } from './custom-entities';
import type { DataPath, YamlFile } from './yaml-file';

export const API_ROUTE_OPERATIONS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type Operation = (typeof API_ROUTE_OPERATIONS)[number];

/** Any module of the manifest, whatever its type: enough to check keys and function references. */
export interface ManifestModule {
  type: string;
  key: string | undefined;
  /** Where the module sits in manifest.yml, e.g. ['modules', 'apiRoute', 0]. */
  path: DataPath;
  raw: Record<string, unknown>;
}

export interface FunctionModule extends ManifestModule {
  key: string;
  /** `index.handler1` = export `handler1` of `src/index.*`. */
  handler: string;
  /** `timeoutSeconds` (1 to 900), when the manifest sets it. */
  timeoutSeconds: number | undefined;
}

export interface ApiRoute extends ManifestModule {
  key: string;
  path: DataPath;
  routePath: string;
  operation: Operation;
  function: string;
  accept: readonly string[] | undefined;
  scopes: readonly string[];
}

export interface CustomScope {
  name: string;
  displayName: string | undefined;
  description: string | undefined;
}

export interface EgressEntry {
  /** The address as written, or the remote's key for `{ remote: … }` entries. */
  address: string;
  kind: 'address' | 'remote';
  category: string | undefined;
  inScopeEUD: boolean | undefined;
  path: DataPath;
}

/** A Forge Containers service's container (`services[].containers[]`), as the manifest declares it. */
export interface ServiceContainer {
  serviceKey: string;
  containerKey: string;
  /** `health.route.path`: where the platform asks whether it is up. */
  healthPath: string;
  /** `tunnel.docker.build`: the build context and the Dockerfile in it, as written (relative to the app). */
  buildContext: string | undefined;
  dockerfile: string | undefined;
}

/**
 * The app under test as data: every later capability (gateway routing, scope matrices, the
 * egress allow-list, reports) reads this one model.
 */
export interface ForgeApp {
  /** Absolute path of the app directory. */
  dir: string;
  manifestFile: YamlFile;
  customScopesFile: YamlFile | undefined;
  /** `app.id`, an ARI such as ari:cloud:ecosystem::app/<uuid>. */
  appId: string | undefined;
  modules: readonly ManifestModule[];
  functions: readonly FunctionModule[];
  apiRoutes: readonly ApiRoute[];
  /** From custom-scopes.yaml, in file order. */
  customScopes: readonly CustomScope[];
  /** `permissions.external.fetch.backend`. */
  backendEgress: readonly EgressEntry[];
  /** The first container of each `services[]` entry. */
  services: readonly ServiceContainer[];
  /** `permissions.scopes`: the platform scopes the app asks for (`storage:app`, `read:jira-work`, …). */
  permissionScopes: readonly string[];
  /** `consumer` modules: the queues the app listens on. */
  consumers: readonly ConsumerModule[];
  /** The keys of the `event` modules: the app events the app may publish. */
  appEvents: readonly string[];
  /** `trigger` modules of the app's own app events, each a consumer of its platform queue. */
  appEventTriggers: readonly ConsumerModule[];
  /** `endpoint` modules of the app's container services. */
  endpoints: readonly EndpointModule[];
  /** `app.storage.entities`: the custom entities the app keeps. */
  entities: readonly CustomEntity[];
  /** The keys of the `sql` modules: an app with one has a Forge SQL database per installation. */
  sqlModules: readonly string[];
}

type Dict = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

/**
 * Reads the model out of parsed manifest data without trusting its shape: the schema reports
 * what is wrong, and the rules work on whatever is well-formed enough to reason about.
 */
export function readManifest(
  data: Dict,
): Pick<
  ForgeApp,
  | 'appId'
  | 'modules'
  | 'functions'
  | 'apiRoutes'
  | 'backendEgress'
  | 'services'
  | 'permissionScopes'
  | 'consumers'
  | 'appEvents'
  | 'appEventTriggers'
  | 'endpoints'
  | 'entities'
  | 'sqlModules'
> {
  const modules: ManifestModule[] = [];
  for (const [type, list] of Object.entries(isRecord(data.modules) ? data.modules : {})) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      if (isRecord(raw)) modules.push({ type, key: str(raw.key), path: ['modules', type, index], raw });
    });
  }

  const functions = modules.flatMap((m): FunctionModule[] => {
    const handler = str(m.raw.handler);
    const timeout = m.raw.timeoutSeconds;
    const timeoutSeconds = typeof timeout === 'number' && timeout >= 1 && timeout <= 900 ? timeout : undefined;
    return m.type === 'function' && m.key && handler ? [{ ...m, key: m.key, handler, timeoutSeconds }] : [];
  });

  const apiRoutes = modules.flatMap((m): ApiRoute[] => {
    if (m.type !== 'apiRoute' || !m.key) return [];
    const routePath = str(m.raw.path);
    const operation = str(m.raw.operation);
    const fn = str(m.raw.function);
    if (!routePath || !fn || !API_ROUTE_OPERATIONS.includes(operation as Operation)) return [];
    return [
      {
        ...m,
        key: m.key,
        routePath,
        operation: operation as Operation,
        function: fn,
        accept: strings(m.raw.accept),
        scopes: strings(m.raw.scopes) ?? [],
      },
    ];
  });

  const app = isRecord(data.app) ? data.app : {};
  const external = isRecord(data.permissions) && isRecord(data.permissions.external) ? data.permissions.external : {};
  const fetch = isRecord(external.fetch) ? external.fetch : {};
  const backend = Array.isArray(fetch.backend) ? fetch.backend : [];
  const backendEgress = backend.flatMap((entry, index): EgressEntry[] => {
    const path = ['permissions', 'external', 'fetch', 'backend', index];
    if (typeof entry === 'string') return [{ address: entry, kind: 'address', category: undefined, inScopeEUD: undefined, path }];
    if (!isRecord(entry)) return [];
    const remote = str(entry.remote);
    const address = str(entry.address);
    const category = str(entry.category);
    const inScopeEUD = typeof entry.inScopeEUD === 'boolean' ? entry.inScopeEUD : undefined;
    if (remote) return [{ address: remote, kind: 'remote', category, inScopeEUD, path }];
    return address ? [{ address, kind: 'address', category, inScopeEUD, path }] : [];
  });

  const services = (Array.isArray(data.services) ? data.services : []).flatMap((service): ServiceContainer[] => {
    if (!isRecord(service) || !str(service.key)) return [];
    const container = Array.isArray(service.containers) && isRecord(service.containers[0]) ? service.containers[0] : {};
    const health = isRecord(container.health) && isRecord(container.health.route) ? container.health.route : {};
    const tunnel =
      isRecord(container.tunnel) && isRecord(container.tunnel.docker) && isRecord(container.tunnel.docker.build) ? container.tunnel.docker.build : {};
    return [
      {
        serviceKey: str(service.key)!,
        containerKey: str(container.key) ?? 'main',
        healthPath: str(health.path) ?? '/',
        buildContext: str(tunnel.context),
        dockerfile: str(tunnel.dockerfile),
      },
    ];
  });

  const permissionScopes = (isRecord(data.permissions) && strings(data.permissions.scopes)) || [];
  return {
    appId: str(app.id),
    modules,
    functions,
    apiRoutes,
    backendEgress,
    services,
    permissionScopes,
    consumers: consumerModules(modules),
    appEvents: modules.flatMap((m) => (m.type === 'event' && m.key ? [m.key] : [])),
    appEventTriggers: appEventTriggers(modules, str(app.id)),
    endpoints: endpointModules(modules),
    entities: customEntities(data),
    sqlModules: modules.flatMap((m) => (m.type === 'sql' && m.key ? [m.key] : [])),
  };
}

/** Reads custom-scopes.yaml's `scopes:` map, keeping whatever entries are maps. */
export function readCustomScopes(data: unknown): CustomScope[] {
  const scopes = isRecord(data) && isRecord(data.scopes) ? data.scopes : {};
  return Object.entries(scopes).map(([name, entry]) => ({
    name,
    displayName: isRecord(entry) ? str(entry.displayName) : undefined,
    description: isRecord(entry) ? str(entry.description) : undefined,
  }));
}
