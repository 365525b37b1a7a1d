/**
 * One of Playwright's own worker processes (playwright/lib/worker/workerProcessEntry), started
 * and spoken to the way Playwright's dispatcher does, so it can outlive a run: the worker loads
 * the spec files and sets up its fixtures once, and each later group of tests costs only the
 * tests. The checks it runs are the suites' own tests with their fixtures; only who hands them
 * to the worker differs.
 *
 * Playwright retires a worker after a test that fails (its worker fixtures may be broken), and
 * so does this: a group answers which of its tests ended and whether the worker is spent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The worker's parameters, as Playwright's WorkerHost sends them in `__init__`. */
export interface WorkerParams {
  workerIndex: number;
  parallelIndex: number;
  repeatEachIndex: 0;
  projectId: string;
  /** Playwright's serialized config: where the config file is, and no overrides. */
  config: { location: { configDir: string; resolvedConfigFile: string }; configCLIOverrides: Record<string, never> };
  artifactsDir: string;
  pauseOnError: false;
  pauseAtEnd: false;
}

/** What the worker reports of a test that ended (its `testEnd` event, the part used here). */
export interface TestEnd {
  testId: string;
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  expectedStatus: string;
  errors: { message?: string }[];
  annotations: { type: string; description?: string }[];
}

/** The worker's `done` event, the part used here. */
interface GroupDone {
  fatalErrors: { message?: string }[];
  fatalUnknownTestIds?: string[];
  stoppedDueToUnhandledErrorInTestFail?: boolean;
}

export interface GroupResult {
  ended: TestEnd[];
  /** The worker must not be given another group (a test failed, or the worker stopped or died). */
  spent: boolean;
  /** Errors no test owns (a spec file that failed to load, a fixture that failed to tear down). */
  fatal: string[];
}

interface Message {
  method: string;
  params?: { id?: number; method?: string; params?: unknown; error?: { message?: string } };
}

/** The entry Playwright's WorkerHost forks (not among the package's exports: found beside its package.json). */
const ENTRY = join(
  dirname(createRequire(createRequire(import.meta.url).resolve('@playwright/test')).resolve('playwright/package.json')),
  'lib/worker/workerProcessEntry.js',
);

/** As Playwright counts a failure: a test that neither was skipped nor ended as it was expected to. */
const failed = (end: TestEnd) => end.status !== 'skipped' && end.status !== end.expectedStatus;

export class PlaywrightWorker {
  private lastId = 0;
  private exited = false;
  private onEvent: (method: string, params: unknown) => void = () => {};

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: Message) => this.received(message));
    child.on('exit', () => {
      this.exited = true;
      this.onEvent('exit', undefined);
    });
  }

  /** Forks the worker with this process's environment as it is now, and initialises it. */
  static async start(params: WorkerParams): Promise<PlaywrightWorker> {
    // As Playwright's WorkerHost starts it; its output reaches the parent over IPC, not stdio.
    const child = fork(ENTRY, { env: { ...process.env, FORCE_COLOR: '1' }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const worker = new PlaywrightWorker(child);
    await new Promise<void>((resolve, reject) => {
      worker.onEvent = (method) => {
        if (method === 'ready') resolve();
        if (method === 'exit') reject(new Error("Playwright's worker exited before it was ready"));
      };
    });
    child.send({ method: '__init__', params: { processParams: { timeOrigin: performance.timeOrigin }, runnerParams: params } });
    return worker;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Runs the given tests of one spec file (none: only loads it), in the order the file declares them. */
  runGroup(file: string, testIds: readonly string[]): Promise<GroupResult> {
    const ended: TestEnd[] = [];
    return new Promise((resolve) => {
      if (this.exited) return resolve({ ended, spent: true, fatal: ["Playwright's worker has exited"] });
      this.onEvent = (method, params) => {
        if (method === 'testEnd') ended.push(params as TestEnd);
        else if (method === 'exit') resolve({ ended, spent: true, fatal: ["Playwright's worker exited during the run"] });
        else if (method === 'done') {
          const done = params as GroupDone;
          const fatal = [
            ...done.fatalErrors.map((e) => e.message ?? 'an error'),
            ...(done.fatalUnknownTestIds?.length ? [`${done.fatalUnknownTestIds.length} tests are no longer in ${file}`] : []),
          ];
          resolve({ ended, fatal, spent: fatal.length > 0 || !!done.stoppedDueToUnhandledErrorInTestFail || ended.some(failed) });
        }
      };
      this.send('__dispatch__', {
        id: ++this.lastId,
        method: 'runTestGroup',
        params: { file, entries: testIds.map((testId) => ({ testId, retry: 0, planAnnotations: [] })) },
      });
    });
  }

  /** Asks the worker to tear its fixtures down and exit; kills it if it has not within the grace. Resolves once it has exited. */
  stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send('__stop__');
    const kill = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    kill.unref();
    return exited.finally(() => clearTimeout(kill));
  }

  private received(message: Message): void {
    if (message.method === '__dispatch__') {
      // A reply to runTestGroup carries an id and nothing the events did not already say.
      if (message.params?.id === undefined && message.params?.method) this.onEvent(message.params.method, message.params.params);
    } else if (message.method === '__request__') {
      // The worker asks its parent only for features the checks do not use (pausing, custom messages).
      this.send('__response__', { id: message.params?.id, error: { message: 'Unknown method' } });
    } else {
      this.onEvent(message.method, message.params);
    }
  }

  private send(method: string, params?: unknown): void {
    if (this.child.connected) this.child.send({ method, params });
  }
}
