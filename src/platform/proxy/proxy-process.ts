import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { processEntry } from '../process-entries';
import type { LiveInvocation } from './invocation-registry';
import type { ProxyProcessOptions } from './main';

/** What the platform tells the egress proxy, over HTTP wherever it runs, with the stack's control key. */
export class ProxyClient {
  constructor(readonly url: string, private readonly controlKey: string) {}

  private control(method: string, path: string, body?: unknown): Promise<Response> {
    const headers = { [CONTROL_KEY_HEADER]: this.controlKey, ...(body !== undefined && { 'content-type': 'application/json' }) };
    return fetch(`${this.url}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  }

  /** Tells the proxy an invocation is running (before its handler can egress). */
  async startInvocation(invocation: LiveInvocation): Promise<void> {
    const response = await this.control('POST', '/_internal/invocations', invocation);
    if (!response.ok) throw new Error(`the egress proxy refused invocation ${invocation.invocationId}: ${response.status}`);
  }

  async finishInvocation(invocationId: string): Promise<void> {
    await this.control('DELETE', `/_internal/invocations/${encodeURIComponent(invocationId)}`);
  }

  /** Tells the proxy where an app's container service listens, for `invokeService`. */
  async registerService(key: string, url: string): Promise<void> {
    const response = await this.control('PUT', `/_internal/services/${encodeURIComponent(key)}`, { url });
    if (!response.ok) throw new Error(`the egress proxy refused the address of service ${key}: ${response.status}`);
  }
}

/** The egress proxy as a child process of the embedded target. */
export class ProxyProcess extends ProxyClient {
  private constructor(private readonly child: ChildProcess, url: string, controlKey: string, readonly stubFiles: string[]) {
    super(url, controlKey);
  }

  static async start(options: ProxyProcessOptions): Promise<ProxyProcess> {
    const entry = processEntry('proxy');
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '', FORGE_CONFORMANCE_PROXY: JSON.stringify(options) },
    });
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(() => [{ type: 'failed', message: 'the egress proxy exited while starting' }]),
    ])) as [{ type: string; url?: string; message?: string; stubFiles?: string[] }];
    if (message.type !== 'ready') {
      child.kill('SIGKILL');
      throw new Error(message.message ?? 'the egress proxy did not start');
    }
    return new ProxyProcess(child, message.url!, options.controlKey, message.stubFiles ?? []);
  }

  /** Stops the proxy, saving a recording first when in record mode; resolves how many were recorded. */
  async stop(): Promise<number> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return 0;
    const stopped = once(this.child, 'message').then(([m]) => (m as { recorded?: number }).recorded ?? 0);
    const exited = once(this.child, 'exit');
    this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    const recorded = await Promise.race([stopped, exited.then(() => 0)]);
    await exited;
    clearTimeout(timer);
    return recorded;
  }
}
