/**
 * The egress proxy's own process: nock's interception of outbound HTTP is process-wide, so the
 * upstream stubs live here and nowhere near the test runner or the app.
 */
import { loadApp } from '../../app/load-app';

import type { PlatformProfile } from '../profile';
import { AllowList } from './allow-list';
import { backendEgressAddresses } from './allow-list-of-app';
import { InvocationRegistry } from './invocation-registry';
import { startProxyServer } from './server';
import { TrafficLog } from './traffic-log';
import { UpstreamStubs } from './upstream-stubs';
import { appUuid, developmentEnvironmentId } from '../model';

export interface ProxyProcessOptions {
  appDir: string;
  profile: PlatformProfile;
  /** Files or directories of nock definitions. */
  upstreams: string[];
  /** Record mode: write what loopback upstreams answered to this file when stopped. */
  record?: string;
  services: Record<string, string>;
  /** The stack's control key (proxy/server.ts). */
  controlKey: string;
  port?: number;
}

const options = JSON.parse(process.env.FORGE_CONFORMANCE_PROXY ?? '{}') as ProxyProcessOptions;
try {
  const app = loadApp(options.appDir);
  const id = appUuid(app.appId)!;
  const stubs = await UpstreamStubs.load(options.upstreams, { record: options.record });
  const server = await startProxyServer({
    profile: options.profile,
    app: { id, envId: developmentEnvironmentId(id) },
    allowList: new AllowList(backendEgressAddresses(app)),
    registry: new InvocationRegistry(),
    traffic: new TrafficLog(),
    stubs,
    services: options.services,
    controlKey: options.controlKey,
    port: options.port,
  });
  const stop = async () => {
    const recorded = stubs.saveRecording();
    await server.close();
    process.send?.({ type: 'stopped', recorded });
    process.exit(0);
  };
  // A child of the embedded target is told over IPC; a container gets SIGTERM.
  process.on('message', (message: { type: string }) => void (message.type === 'stop' && stop()));
  process.on('SIGTERM', () => void stop());
  if (process.send) process.send({ type: 'ready', url: server.url, stubFiles: stubs.files() });
  else console.log(`forge-conformance proxy listening on ${server.url}`);
} catch (error) {
  if (process.send) process.send({ type: 'failed', message: (error as Error).message });
  else console.error(`forge-conformance proxy could not start: ${(error as Error).message}`);
  process.exit(1);
}
