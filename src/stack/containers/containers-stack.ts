import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { GenericContainer, type StartedTestContainer } from './testcontainers';

import type { OAuthClient } from '../../platform/auth/provider';
import { CONTROL_KEY_HEADER } from '../../platform/http/control-key';
import { assertPortsFree, freePort } from '../../platform/http/free-port';
import type { ControlConfig } from '../../platform/roles/control';
import type { GatewayConfig } from '../../platform/roles/gateway';
import type { ProxyConfig } from '../../platform/roles/proxy';
import type { RuntimeConfig } from '../../platform/roles/runtime';
import { ProxyClient } from '../../platform/proxy/proxy-client';
import { ROLE_CONFIG } from '../../platform/roles/role';
import { containerSpecs } from '../../platform/services/container-service';
import { stackFrom } from '../connect';
import type { Stack, StackOptions } from '../stack';
import { StackStartError } from '../stack-start-error';
import { allStarted } from '../all-started';
import { prepareApp } from '../prepared-app';
import { variablesEnvironment } from '../../app/variables-file';
import { docker, dockerEngine } from './docker';
import { ensurePlatformImage } from './platform-image';
import { ensureServiceImage } from './service-image';
import { WaitForUrl } from './wait-for-url';
import { containerLauncher } from './sql-container';
import { startSqlEngine } from '../sql-engine';
import { MariaDbEngine, type SqlEngineAddress, type StartedMariaDb } from '../../platform/sql/mariadb-engine';
import { scopeNamespace } from '../../platform/model';

// The runtime compiles the app's TypeScript with tsx, which caches in /tmp: one cache shared by
// every runtime container, so an app is compiled once, not at every start.
const TSX_CACHE = join(tmpdir(), 'forge-conformance-container-tmp');

/** Labels every container of the harness carries: which stack, and which process owns it. */
export const STACK_LABEL = 'forge-conformance.stack';
export const OWNER_LABEL = 'forge-conformance.owner-pid';

/** Removes containers left by harness processes that no longer run (Ryuk is off: nobody else will). */
export function removeLeftoverContainers(): number {
  const lines = docker(['ps', '-a', '--filter', `label=${STACK_LABEL}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL}"}}`])
    .trim()
    .split('\n')
    .filter(Boolean);
  const orphans = lines
    .map((l) => l.split(' '))
    .filter(([, pid]) => {
      try {
        process.kill(Number(pid), 0);
        return false;
      } catch {
        return true;
      }
    })
    .map(([id]) => id!);
  if (orphans.length) docker(['rm', '-f', ...orphans]);
  return orphans.length;
}

/** The SQL engine's socket folder, for the container that connects to it. */
const socketMount = (sql: SqlEngineAddress | undefined) =>
  sql ? [{ source: dirname(sql.socketPath), target: dirname(sql.socketPath), mode: 'ro' as const }] : [];

/**
 * The whole platform as containers, started with testcontainers on host networking: the control
 * plane (admin plane and 3LO server), the egress proxy, the function runtime with the app, and
 * the gateway, each a container of the one platform image (platform-image.ts), its command naming
 * the role; and for an app with a `sql` module, Forge SQL's engine in a container of its own. The app is mounted read-only at its own path. Returns the same Stack as the embedded
 * target.
 */
export async function startContainersStack(options: StackOptions): Promise<Stack> {
  const prepared = prepareApp(options);
  const { forgeApp, app, profile, controlKey } = prepared;
  const upstreams = prepared.upstreams.map((u) => resolve(u)).filter((u) => existsSync(u));
  const engine = dockerEngine();
  if (!engine.reachable)
    throw new StackStartError(
      `the containers target needs a Docker engine, and ${engine.reason}: start one (npm run setup does, as root), or use --target embedded`,
    );
  removeLeftoverContainers();
  mkdirSync(TSX_CACHE, { recursive: true });
  const { tag, baseTag } = await ensurePlatformImage();
  const stackId = randomUUID();
  const fixed = options.ports ?? {};
  await assertPortsFree(Object.values(fixed).filter((port) => port !== undefined));
  const port = (wanted?: number) => (wanted === undefined ? freePort() : Promise.resolve(wanted));
  const [adminPort, authPort, proxyPort, runtimePort, gatewayPort] = await Promise.all([
    port(fixed.admin),
    port(fixed.auth),
    port(fixed.proxy),
    freePort(),
    port(fixed.gateway),
  ]);
  const urls = {
    admin: `http://127.0.0.1:${adminPort}`,
    auth: `http://127.0.0.1:${authPort}`,
    proxy: `http://127.0.0.1:${proxyPort}`,
    runtime: `http://127.0.0.1:${runtimePort}`,
    gateway: `http://127.0.0.1:${gatewayPort}`,
  };
  // The app and the stubs are mounted where they are here, so every path in the configuration holds.
  const mounts = [
    ...[app.dir, ...upstreams]
      .filter((dir, i, all) => !all.some((other, j) => j !== i && dir.startsWith(`${other}/`)))
      .map((source) => ({ source, target: source, mode: 'ro' as const })),
    { source: TSX_CACHE, target: '/tmp', mode: 'rw' as const },
  ];
  const started: StartedTestContainer[] = [];
  // A recording is written by the proxy, as this user, beside where it was asked for.
  const record = options.recordUpstreams && resolve(options.recordUpstreams);
  const recordMounts = record ? [{ source: dirname(record), target: dirname(record), mode: 'rw' as const }] : [];
  const role = (name: string, config: ControlConfig | ProxyConfig | RuntimeConfig | GatewayConfig, readyUrl: string, extraMounts: typeof mounts = []) =>
    new GenericContainer(tag)
      .withName(`forge-conformance-${name}-${stackId.slice(0, 8)}`)
      .withNetworkMode('host')
      .withUser(`${process.getuid!()}:${process.getgid!()}`)
      .withBindMounts([...mounts, ...extraMounts])
      .withEnvironment({ [ROLE_CONFIG]: JSON.stringify(config) })
      .withCommand([name])
      .withLabels({ [STACK_LABEL]: stackId, [OWNER_LABEL]: String(process.pid), 'forge-conformance.role': name })
      .withWaitStrategy(new WaitForUrl(() => readyUrl))
      .withStartupTimeout(60_000)
      .start()
      .then((container) => (started.push(container), container));
  // The runtime prints the app's own lines prefixed [app] (roles/runtime.ts).
  const followAppLog = async (runtime: StartedTestContainer) => {
    if (!options.onAppLog) return;
    const lines = createInterface({ input: await runtime.logs() });
    lines.on('line', (line) => line.startsWith('[app] ') && options.onAppLog!(line.slice('[app] '.length)));
  };

  let sqlEngine: StartedMariaDb | undefined;
  const stop = async () => {
    await Promise.all([...started.map((c) => c.stop({ remove: true, timeout: 5_000 }).catch(() => undefined)), sqlEngine?.stop().catch(() => undefined)]);
  };
  // Forge SQL's engine, for an app that declares a sql module: a container of its own with no
  // network, whose socket folder alone the proxy container is given.
  const startSql = async () => {
    const launcher = containerLauncher(`forge-conformance-sql-${stackId.slice(0, 8)}`, {
      [STACK_LABEL]: stackId,
      [OWNER_LABEL]: String(process.pid),
      'forge-conformance.role': 'sql',
    });
    sqlEngine = await startSqlEngine(forgeApp, new MariaDbEngine({ launcher }));
    return sqlEngine.address;
  };
  // The app's Forge Containers services: built from their own Dockerfiles (on the harness's
  // base image: see service-image.ts), run with the documented environment, and registered with
  // the proxy for invokeService once it answers.
  const startService = async (spec: ReturnType<typeof containerSpecs>[number]) => {
    const image = ensureServiceImage(spec, baseTag);
    const port = await freePort();
    const service = await new GenericContainer(image)
      .withName(`forge-conformance-service-${spec.serviceKey}-${stackId.slice(0, 8)}`)
      .withNetworkMode('host')
      .withEnvironment({
        SERVER_PORT: String(port),
        FORGE_EGRESS_PROXY_URL: urls.proxy,
        FORGE_CONTAINER_KEY: spec.containerKey,
        FORGE_APP_ARI: `ari:cloud:ecosystem::app/${app.id}`,
        FORGE_ENV_ARI: `ari:cloud:ecosystem::environment/${app.id}/${app.envId}`,
      })
      .withLabels({ [STACK_LABEL]: stackId, [OWNER_LABEL]: String(process.pid), 'forge-conformance.role': `service-${spec.serviceKey}` })
      .withWaitStrategy(new WaitForUrl(() => `http://127.0.0.1:${port}${spec.healthPath}`))
      .withStartupTimeout(30_000)
      .start();
    started.push(service);
    await new WaitForUrl(() => `${urls.proxy}/_observe/coverage`).waitUntilReady();
    await new ProxyClient(urls.proxy, controlKey).registerService(spec.serviceKey, `http://127.0.0.1:${port}`);
  };
  try {
    // Each role's configuration, typed as the role reads it.
    const control: ControlConfig = {
      appDir: app.dir,
      profile,
      adminPort,
      authPort,
      testControls: options.testControls ?? true,
      redirectUris: options.redirectUris,
      controlKey,
    };
    const proxy: ProxyConfig = {
      appDir: app.dir,
      profile,
      upstreams,
      record,
      services: {},
      controlKey,
      port: proxyPort,
      gatewayUrl: urls.gateway,
      runtimeUrl: urls.runtime,
    };
    const runtime: RuntimeConfig = { appDir: app.dir, variables: variablesEnvironment(prepared.variables), port: runtimePort, controlKey };
    const gateway: GatewayConfig = {
      appDir: app.dir,
      profile,
      port: gatewayPort,
      adminUrl: urls.admin,
      authUrl: urls.auth,
      runtimeUrl: urls.runtime,
      proxyUrl: urls.proxy,
      controlKey,
      secrets: prepared.variables.filter((v) => v.encrypted).map(({ name, value }) => ({ name, value })),
    };
    // Nothing needs another component to start, so all start at once.
    await allStarted([
      role('control', control, `${urls.auth}/.well-known/openid-configuration`),
      (forgeApp.sqlModules.length > 0 ? startSql() : Promise.resolve(undefined)).then((sql) =>
        role('proxy', { ...proxy, sqlEngine: sql }, `${urls.proxy}/_observe/coverage`, [...recordMounts, ...socketMount(sql)]),
      ),
      role('runtime', runtime, `${urls.runtime}/health`).then(followAppLog),
      role('gateway', gateway, `${urls.gateway}/_observe/calls?correlationId=ready`),
      ...containerSpecs(forgeApp).map((spec) => startService(spec)),
    ]);
    const oauthClient = (await (await fetch(`${urls.auth}/_internal/oauth-client`, { headers: { [CONTROL_KEY_HEADER]: controlKey } })).json()) as OAuthClient;
    return stackFrom(
      {
        target: 'containers',
        app,
        profile,
        urls: { gateway: urls.gateway, auth: urls.auth, admin: urls.admin, proxy: urls.proxy },
        oauthClient,
        sns: scopeNamespace(app),
        controlKey,
      },
      stop,
    );
  } catch (error) {
    await stop();
    throw error;
  }
}
