import { RouteTable } from '../app/route-table';
import { AdminDirectory } from '../platform/admin/directory';
import { lookupInProcess } from '../platform/admin/directory-lookup';
import { startAdminServer } from '../platform/admin/server';

import { startAuthServer } from '../platform/auth/server';
import { startGateway } from '../platform/gateway/server';
import { TokenVerifier } from '../platform/invocation/token-verifier';
import { ProxyProcess } from '../platform/roles/proxy-process';
import { freePort } from '../platform/http/free-port';
import { FunctionRuntime } from '../platform/runtime/function-runtime';
import { containerSpecs, startContainerService } from '../platform/services/container-service';
import { stackFrom } from './connect';
import type { Stack, StackOptions } from './stack';
import { allStarted } from './all-started';
import { prepareApp } from './prepared-app';
import { variablesEnvironment } from '../app/variables-file';
import { scopeNamespace } from '../platform/model';
import { startSqlEngine } from './sql-engine';
import { hostIsolationAvailable } from '../platform/runtime/host-isolation';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The whole platform in this process (the app in a child process), on 127.0.0.1: the embedded
 * target. Needs nothing but Node.
 */
export async function startEmbeddedStack(options: StackOptions): Promise<Stack> {
  const { forgeApp, app, profile, upstreams, controlKey, variables } = prepareApp(options);
  const directory = new AdminDirectory();
  // Where the machine allows it, the app's hosts have no network: the proxy's socket is their one way out (host-isolation.ts).
  const socketDir = hostIsolationAvailable() ? mkdtempSync(join(tmpdir(), 'forge-conformance-')) : undefined;
  const proxySocket = socketDir && join(socketDir, 'proxy.sock');
  const runtime = new FunctionRuntime({ appDir: forgeApp.dir, variables: variablesEnvironment(variables), onLog: options.onAppLog, proxySocket });
  const started: { stop(): Promise<void> }[] = [runtime];
  if (socketDir) started.push({ stop: async () => rmSync(socketDir, { recursive: true, force: true }) });
  const owned = <T extends { stop(): Promise<void> }>(component: T) => (started.push(component), component);
  try {
    // The gateway's address is settled first: the proxy asks it about the invocations it runs.
    const gatewayPort = options.ports?.gateway ?? (await freePort());
    // The proxy (a child process) delivers queued events to the consumers through this process's runtime, over their IPC channel.
    const delivers = forgeApp.consumers.length + forgeApp.appEventTriggers.length > 0;
    // Forge SQL's engine, for an app that declares a sql module: a server of this stack's own.
    const sqlEngine = forgeApp.sqlModules.length > 0 ? owned(await startSqlEngine(forgeApp)) : undefined;
    const [admin, auth, proxy] = await allStarted([
      startAdminServer({ directory, app, controlKey, port: options.ports?.admin }).then(owned),
      startAuthServer({
        app,
        directory,
        profile,
        testControls: options.testControls ?? true,
        redirectUris: options.redirectUris,
        controlKey,
        port: options.ports?.auth,
      }).then(owned),
      ProxyProcess.start(
        {
          appDir: forgeApp.dir,
          profile,
          upstreams,
          record: options.recordUpstreams,
          services: {},
          controlKey,
          port: options.ports?.proxy,
          gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
          sqlEngine: sqlEngine?.address,
          unixSocket: proxySocket,
        },
        delivers ? { runtime } : {},
      ).then(owned),
      runtime.start(),
    ]);
    // The app's Forge Containers services, egressing through the proxy like the functions.
    for (const spec of containerSpecs(forgeApp)) {
      const service = await startContainerService(spec, { proxyUrl: proxy.url, appId: app.id, envId: app.envId }, options.onAppLog);
      started.push(service);
      await proxy.registerService(service.key, service.url);
    }
    const tokens = new TokenVerifier({
      issuer: auth.url,
      jwks: auth.jwks,
      isDenied: (jti) => auth.deniedTokens.has(jti),
      clockToleranceSeconds: profile.gateway.clockToleranceSeconds,
    });
    const gateway = await startGateway({
      profile,
      app,
      forgeApp,
      routes: new RouteTable(forgeApp.apiRoutes),
      directory: lookupInProcess(directory),
      tokens,
      runtime,
      egress: proxy,
      controlKey,
      secrets: variables.filter((v) => v.encrypted).map(({ name, value }) => ({ name, value })),
      port: gatewayPort,
    });
    started.push(gateway);

    const stop = async () => {
      await Promise.all(started.map((s) => s.stop()));
    };
    const stack = stackFrom(
      {
        target: 'embedded',
        app,
        profile,
        urls: { gateway: gateway.url, auth: auth.url, admin: admin.url, proxy: proxy.url },
        oauthClient: auth.client,
        sns: scopeNamespace(app),
        controlKey,
      },
      stop,
    );
    return { ...stack, reloadHandlers: () => runtime.reload() };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}
