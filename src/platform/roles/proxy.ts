/**
 * The egress proxy as a process of its own: nock's interception of outbound HTTP is process-wide,
 * so the upstream stubs live here and nowhere near the test runner or the app.
 */
import { loadApp } from '../../app/load-app';
import { appUuid, developmentEnvironmentId } from '../model';
import type { PlatformProfile } from '../profile';
import { AllowList } from '../proxy/allow-list';
import { backendEgressAddresses } from '../proxy/allow-list-of-app';
import { InvocationRegistry } from '../invocation/registry';
import { gatewayInvocations } from '../proxy/invocation-source';
import { startProxyServer } from '../proxy/server';
import { TrafficLog } from '../proxy/traffic-log';
import { UpstreamStubs } from '../proxy/upstream-stubs';
import { StorageService } from '../storage/storage-service';
import { Deliverer } from '../events/deliverer';
import { EventsService } from '../events/events-service';
import { remoteRuntime } from '../runtime/runtime-server';
import { runtimeInParent } from '../runtime/runtime-over-ipc';
import { DatabaseSync } from 'node:sqlite';
import type { SqlEngineAddress } from '../sql/mariadb-engine';
import { InstallationDatabases } from '../sql/installation-databases';
import { SqlService } from '../sql/sql-service';
import { roleMain } from './role';

export interface ProxyConfig {
  appDir: string;
  profile: PlatformProfile;
  /** Files or directories of nock definitions. */
  upstreams: string[];
  /** Record mode: write what loopback upstreams answered to this file when stopped. */
  record?: string;
  services: Record<string, string>;
  /** The stack's control key (proxy/server.ts). */
  controlKey: string;
  /** The gateway, which the proxy asks about the invocations it runs (none: only invocations registered with the proxy). */
  gatewayUrl?: string;
  /** The function runtime, which the proxy invokes to deliver queued events (none: events stay queued). */
  runtimeUrl?: string;
  /** The function runtime is this process's parent's, reached over their IPC channel (set by ProxyProcess when given one; instead of runtimeUrl). */
  runtimeInParent?: boolean;
  /** The stack's SQL engine, which Forge SQL runs on (none: the app declares no `sql` module, or the machine has no engine). */
  sqlEngine?: SqlEngineAddress;
  port?: number;
  /** A Unix socket the proxy listens on too, for function hosts without a network (runtime/host-isolation.ts). */
  unixSocket?: string;
}

await roleMain<ProxyConfig>('proxy', async (config) => {
  const app = loadApp(config.appDir);
  const id = appUuid(app.appId)!;
  const stubs = await UpstreamStubs.load(config.upstreams, { record: config.record });
  // The platform's storage and queues live here, in one database, beside the checks of every call
  // that reaches them: they outlive any restart of the app's runtime.
  const db = new DatabaseSync(':memory:');
  const storage = new StorageService(config.profile, db, app.entities);
  const events = new EventsService(config.profile, db, { appUuid: id, declared: app.appEvents, triggers: app.appEventTriggers });
  const sql = config.sqlEngine ? new SqlService(config.profile, new InstallationDatabases(config.sqlEngine)) : undefined;
  const registry = new InvocationRegistry();
  const appIds = { id, envId: developmentEnvironmentId(id) };
  let proxyUrl = '';
  const deliverer = new Deliverer({
    profile: config.profile,
    app: appIds,
    forgeApp: app,
    events,
    registry,
    runtime: config.runtimeInParent ? runtimeInParent() : config.runtimeUrl ? remoteRuntime(config.runtimeUrl, config.controlKey) : undefined,
    // The same record the proxy's control route fills as the services start.
    services: config.services,
    proxyUrl: () => proxyUrl,
  });
  const server = await startProxyServer({
    profile: config.profile,
    app: appIds,
    allowList: new AllowList(backendEgressAddresses(app)),
    registry,
    ...(config.gatewayUrl && { gatewayInvocations: gatewayInvocations(config.gatewayUrl, config.controlKey) }),
    traffic: new TrafficLog(),
    stubs,
    services: config.services,
    storage,
    events: { service: events, drain: (timeoutMs) => deliverer.drain(timeoutMs) },
    sql,
    sqlEnabled: app.sqlModules.length > 0,
    permissionScopes: app.permissionScopes,
    moduleTypes: Object.fromEntries(app.modules.flatMap((m) => (m.key ? [[m.key, m.type]] : []))),
    controlKey: config.controlKey,
    port: config.port,
    unixSocket: config.unixSocket,
  });
  proxyUrl = server.url;
  return {
    url: server.url,
    stop: async () => {
      stubs.saveRecording();
      deliverer.stop();
      await server.stop();
      storage.close();
      await sql?.close();
    },
  };
});
