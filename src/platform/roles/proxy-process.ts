/** The egress proxy's role as a child process of the embedded target. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { processEntry, type ProcessEntry } from '../process-entries';
import { ProxyClient } from '../proxy/proxy-client';
import type { ProxyConfig } from './proxy';
import { ROLE_CONFIG } from './role';
import type { FunctionInvoker } from '../runtime/runtime-server';
import { serveRuntimeTo } from '../runtime/runtime-over-ipc';

/**
 * The egress proxy as a child process of the embedded target: the platform image's command with
 * the `proxy` role, started like every role (role.ts): its configuration in the
 * environment, one "listening" line when it is up, SIGTERM to stop (which saves a recording).
 */
export class ProxyProcess extends ProxyClient {
  private constructor(
    private readonly child: ChildProcess,
    url: string,
    controlKey: string,
  ) {
    super(url, controlKey);
  }

  /**
   * `runtime`: the function runtime the proxy delivers queued events to over the IPC channel
   * (the proxy's config says so: `runtimeInParent`); `entry`: the platform process to start, this code's own
   * by default (a bench names the built one).
   */
  static async start(
    config: ProxyConfig,
    { runtime, entry = processEntry('platform') }: { runtime?: FunctionInvoker; entry?: ProcessEntry } = {},
  ): Promise<ProxyProcess> {
    const child = fork(entry.file, ['proxy'], {
      execArgv: entry.execArgv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '', [ROLE_CONFIG]: JSON.stringify({ ...config, runtimeInParent: runtime !== undefined }) },
    });
    if (runtime) serveRuntimeTo(child, runtime);
    const errors: string[] = [];
    const stderr = createInterface({ input: child.stderr! });
    stderr.on('line', (line) => errors.push(line));
    const started = new Promise<string>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const url = /listening on (\S+)/.exec(line)?.[1];
        if (url) resolve(url);
      });
    });
    const url = await Promise.race([started, once(child, 'exit').then(() => undefined)]);
    if (!url) throw new Error(errors.at(-1)?.replace(/^forge-conformance proxy could not start: /, '') ?? 'the egress proxy exited while starting');
    // Once up, what it says on stderr is the user's to see.
    stderr.removeAllListeners('line').on('line', (line) => process.stderr.write(`${line}\n`));
    return new ProxyProcess(child, url, config.controlKey);
  }

  /** Stops the proxy (a recording, in record mode, is written first). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
