/** The function runtime: the app's handlers in a child process, its faults contained. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { processEntry } from '../process-entries';
import { isolatedFork, PROXY_SOCKET_ARG } from './host-isolation';
import type { HostMessage, InvocationOutcome, InvokeMessage } from './protocol';

/**
 * The environment the app's handlers run in: the app environment's variables (facts.md §10) and
 * nothing of the machine's. A CI's tokens, the harness's own variables (a stack's configuration
 * and control key) and anything else set on the machine never reach the app, and an app that
 * reads a variable Forge would not give it finds it unset, as on Forge.
 */
export function appEnvironment(variables: Readonly<Record<string, string>>): Record<string, string> {
  return { ...variables, NODE_OPTIONS: '' };
}

export interface FunctionRuntimeOptions {
  /** The app directory: the host's working directory. */
  appDir: string;
  /** The app environment's variables, the whole of the handlers' `process.env`. */
  variables?: Readonly<Record<string, string>>;
  /** Lines the app prints, for the observation log; the runtime keeps the last few hundred. */
  onLog?: (line: string) => void;
  /** How long a hung host may take to answer a ping before it is replaced. */
  pingTimeoutMs?: number;
  /**
   * The egress proxy's Unix socket: given one, hosts run without a network and reach the proxy
   * only through it (host-isolation.ts; the stack gives one only where the machine allows it).
   */
  proxySocket?: string;
}

/** A host process and the promise of its `ready` message. */
interface StartedHost {
  host: ChildProcess;
  ready: Promise<void>;
}

/** How long after a reload its successor's spare host starts: after the re-run's checks, not beside them (two cores). */
const SPARE_DELAY_MS = 1_500;

interface Pending {
  resolve: (outcome: InvocationOutcome) => void;
  started: number;
  /** The host running it: when that host dies, only its own invocations are lost. */
  host: ChildProcess;
}

/**
 * The function runtime as the gateway sees it: hosts the app in a child process and invokes
 * its handlers. A handler that throws, hangs past its deadline or kills its process costs that
 * invocation a failure outcome, never the platform: a dead or wedged host is replaced.
 */
export class FunctionRuntime {
  private host: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;
  /** Set while a host that let an invocation time out is being checked: new calls wait for the verdict. */
  private healthCheck: Promise<void> | undefined;
  /** Once handlers have been reloaded, the next reload's host, started and idle (no app module loaded yet). */
  private spare: StartedHost | undefined;
  /** How many times a host had to be replaced (died or wedged). */
  restarts = 0;

  constructor(private readonly options: FunctionRuntimeOptions) {}

  async start(): Promise<void> {
    await this.ensureHost();
  }

  async invoke(message: Omit<InvokeMessage, 'type' | 'id'>, timeoutMs: number): Promise<InvocationOutcome> {
    await this.healthCheck;
    await this.ensureHost();
    const host = this.host!;
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<InvocationOutcome>((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        resolve({ kind: 'timed-out', durationMs: performance.now() - started });
        this.healthCheck ??= this.replaceIfWedged(host).finally(() => (this.healthCheck = undefined));
      }, timeoutMs);
      this.pending.set(id, {
        started,
        host,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      });
      host.send({ type: 'invoke', id, ...message }, (error) => {
        if (error) this.settle(id, { kind: 'crashed', reason: `the function host could not be reached: ${error.message}`, durationMs: 0 });
      });
    });
  }

  /**
   * Replaces the host, so the app's modules load afresh (`run --watch`, after an edit). From this
   * call on, invocations go to the new host; the old one is killed without waiting for it.
   */
  async reload(): Promise<void> {
    const host = this.host;
    this.host = undefined;
    this.ready = undefined;
    if (host && running(host)) host.kill('SIGKILL');
    // A spare loads the app's modules only when first invoked, so it sees the edit that caused this reload.
    const spare = this.spare;
    this.spare = undefined;
    if (spare && running(spare.host)) ({ host: this.host, ready: this.ready } = spare);
    await this.ensureHost();
    // Someone who reloads once reloads again (the watch loop): the next reload should not wait for a process to start.
    setTimeout(() => {
      if (!this.stopped && !this.spare) this.spare = this.startHost();
    }, SPARE_DELAY_MS).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const spare = this.spare?.host;
    this.spare = undefined;
    if (spare && running(spare)) spare.kill('SIGKILL');
    const host = this.host;
    this.host = undefined;
    if (host && running(host)) {
      host.kill('SIGKILL');
      await once(host, 'exit');
    }
  }

  private settle(id: number, outcome: InvocationOutcome): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.resolve(outcome);
  }

  private ensureHost(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('the function runtime is stopped'));
    if (this.host && this.ready) return this.ready;
    ({ host: this.host, ready: this.ready } = this.startHost());
    return this.ready;
  }

  /** Forks a host; it serves invocations once it is `this.host`. */
  private startHost(): StartedHost {
    const entry = processEntry('host');
    const execArgv = [...entry.execArgv, '--enable-source-maps'];
    const { proxySocket } = this.options;
    const host = fork(entry.file, proxySocket ? [PROXY_SOCKET_ARG, proxySocket] : [], {
      cwd: this.options.appDir,
      ...(proxySocket ? isolatedFork(execArgv) : { execArgv }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: appEnvironment(this.options.variables ?? {}),
    });
    for (const stream of [host.stdout, host.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line) this.options.onLog?.(line);
      });
    }
    host.on('message', (message: HostMessage) => {
      if (message.type === 'result') this.settle(message.id, { kind: 'returned', value: message.value, durationMs: this.elapsed(message.id) });
      else if (message.type === 'error') this.settle(message.id, { kind: 'threw', message: message.message, durationMs: this.elapsed(message.id) });
    });
    host.on('exit', (code, signal) => {
      if (this.host === host) {
        this.host = undefined;
        this.ready = undefined;
        if (!this.stopped) this.restarts += 1;
      }
      // Everything that host was running is lost with it.
      for (const [id, pending] of [...this.pending]) {
        if (pending.host !== host) continue;
        this.settle(id, { kind: 'crashed', reason: `the function's process exited (${signal ?? `code ${code}`})`, durationMs: this.elapsed(id) });
      }
    });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: HostMessage) => {
        if (message.type !== 'ready') return;
        host.off('message', onMessage);
        host.off('exit', onExit);
        resolve();
      };
      const onExit = () => reject(new Error('the function host exited while starting'));
      host.on('message', onMessage);
      host.once('exit', onExit);
    });
    // A spare that dies before it is used is never awaited: its failure is not an unhandled rejection.
    ready.catch(() => {});
    return { host, ready };
  }

  private elapsed(id: number): number {
    const pending = this.pending.get(id);
    return pending ? performance.now() - pending.started : 0;
  }

  /** A host that no longer answers (a handler spinning synchronously) is killed and replaced. */
  private async replaceIfWedged(host: ChildProcess): Promise<void> {
    if (this.host !== host) return;
    const id = this.nextId++;
    const answered = new Promise<boolean>((resolve) => {
      const onMessage = (message: HostMessage) => {
        if (message.type === 'pong' && message.id === id) {
          host.off('message', onMessage);
          resolve(true);
        }
      };
      host.on('message', onMessage);
      setTimeout(() => {
        host.off('message', onMessage);
        resolve(false);
      }, this.options.pingTimeoutMs ?? 1000).unref();
      try {
        host.send({ type: 'ping', id });
      } catch {
        resolve(false);
      }
    });
    if (!(await answered) && this.host === host) {
      const exited = once(host, 'exit');
      host.kill('SIGKILL');
      await exited;
    }
  }
}

const running = (host: ChildProcess) => host.exitCode === null && host.signalCode === null;
