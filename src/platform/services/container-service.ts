/** An app's Forge Containers services, as specs and as processes of the embedded target. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ForgeApp } from '../../app/forge-app';
import { freePort } from '../http/free-port';

/** One container of an app's Forge Containers service, as the manifest declares it. */
export interface ContainerSpec {
  serviceKey: string;
  containerKey: string;
  healthPath: string;
  /** The build context (tunnel.docker.build.context), absolute. */
  context: string;
  dockerfile: string;
}

/** The app's services (read by src/app like every module), with what running them needs: absolute paths inside the app. */
export function containerSpecs(app: Pick<ForgeApp, 'dir' | 'services'>): ContainerSpec[] {
  return app.services.map((service) => {
    const context = resolve(app.dir, service.buildContext ?? join('services', service.serviceKey));
    if (relative(app.dir, context).startsWith('..')) throw new Error(`service ${service.serviceKey}: its build context leaves the app directory`);
    return {
      serviceKey: service.serviceKey,
      containerKey: service.containerKey,
      healthPath: service.healthPath,
      context,
      dockerfile: service.dockerfile ?? 'Dockerfile',
    };
  });
}

/** `CMD ["node", "server.js"]` (or the shell form) of a Dockerfile. */
export function dockerfileCommand(dockerfile: string): string[] {
  const lines = readFileSync(dockerfile, 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const cmd = lines.filter((l) => /^CMD\s/i.test(l)).at(-1);
  if (!cmd) throw new Error(`${dockerfile} has no CMD: the emulator runs the command the image would run`);
  const argument = cmd.replace(/^CMD\s+/i, '');
  if (argument.startsWith('[')) return JSON.parse(argument) as string[];
  return argument.split(/\s+/);
}

export interface RunningService {
  key: string;
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs a container service the way the embedded target can: the command of its Dockerfile, on
 * this machine's Node, in its build context, with the environment Forge Containers documents
 * (facts.md §6). The containers target builds and runs the image itself.
 */
export async function startContainerService(
  spec: ContainerSpec,
  env: { proxyUrl: string; appId: string; envId: string },
  onLog?: (line: string) => void,
): Promise<RunningService> {
  const dockerfile = join(spec.context, spec.dockerfile);
  if (!existsSync(dockerfile)) throw new Error(`service ${spec.serviceKey}: no ${relative(process.cwd(), dockerfile)}`);
  const [command, ...args] = dockerfileCommand(dockerfile);
  if (command !== 'node')
    throw new Error(`service ${spec.serviceKey}: the embedded target runs Node services only (CMD starts with ${command}); use the containers target`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: spec.context,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      SERVER_PORT: String(port),
      FORGE_EGRESS_PROXY_URL: env.proxyUrl,
      FORGE_APP_ARI: `ari:cloud:ecosystem::app/${env.appId}`,
      FORGE_ENV_ARI: `ari:cloud:ecosystem::environment/${env.appId}/${env.envId}`,
      FORGE_CONTAINER_KEY: spec.containerKey,
    },
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.setEncoding('utf8').on('data', (chunk: string) =>
      chunk
        .split('\n')
        .filter(Boolean)
        .forEach((line) => onLog?.(`[${spec.serviceKey}] ${line}`)),
    );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service ${spec.serviceKey} exited with code ${child.exitCode} while starting`);
    const healthy = await fetch(`${url}${spec.healthPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service ${spec.serviceKey} did not answer ${spec.healthPath} within 15 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    key: spec.serviceKey,
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
