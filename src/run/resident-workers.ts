/**
 * Playwright workers kept warm between the watch loop's re-runs. A run of a few checks takes
 * a warm worker (its spec files loaded) and hands it the checks a spec file at a
 * time; when a check fails, Playwright's worker retires and the next warm one takes the rest.
 * A spare is always starting or ready beside the worker in use, so the first failure of a
 * re-run costs nothing (a spare started only when a re-run begins is not ready in time: the
 * checks and the new function host keep both cores busy).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PlaywrightWorker, type TestEnd } from './playwright-worker';

/** A test as the runner last listed it: its id, and the spec file that declares it. */
export interface ResidentTest {
  testId: string;
  file: string;
}

/** Worker indexes of their own, apart from the runner's (they name artifact folders and TEST_WORKER_INDEX). */
let lastWorkerIndex = 1_000;

export class ResidentWorkers {
  private readonly idle: Promise<PlaywrightWorker>[] = [];
  private readonly artifacts = mkdtempSync(join(tmpdir(), 'forge-conformance-workers-'));
  private stopped = false;

  /** The config's project's tests live in `files`: each worker loads them all before it is handed a test. */
  constructor(
    private readonly configFile: string,
    private readonly projectId: string,
    private readonly files: readonly string[],
  ) {
    // Both start while the person edits: the one the next re-run takes, and its spare.
    this.idle.push(this.start(), this.start());
  }

  /**
   * Runs the tests, a spec file at a time, on warm workers; resolves with each test that ended.
   * Rejects when a worker could not run some of them (a spec file that no longer loads, a worker
   * that dies): the caller then runs them as a plain Playwright run would.
   */
  async run(tests: readonly ResidentTest[]): Promise<TestEnd[]> {
    const ended: TestEnd[] = [];
    const byFile = new Map<string, string[]>();
    for (const { file, testId } of tests) byFile.set(file, [...(byFile.get(file) ?? []), testId]);
    let worker: PlaywrightWorker | undefined;
    try {
      for (const [file, testIds] of byFile) {
        let remaining = testIds;
        while (remaining.length) {
          worker ??= await this.take();
          const result = await worker.runGroup(file, remaining);
          ended.push(...result.ended);
          const done = new Set(result.ended.map((e) => e.testId));
          remaining = remaining.filter((id) => !done.has(id));
          if (result.fatal.length || (remaining.length && !result.ended.length)) {
            throw new Error(`Playwright's worker stopped in ${file} with ${remaining.length} checks not run: ${result.fatal.join('; ') || 'none ended'}`);
          }
          if (result.spent) {
            void worker.stop();
            worker = undefined;
          }
        }
      }
    } catch (error) {
      void worker?.stop();
      throw error;
    }
    if (worker) this.idle.unshift(Promise.resolve(worker));
    return ended;
  }

  /** Stops every worker (their fixtures tear down) and removes their artifact folders. */
  async stop(): Promise<void> {
    this.stopped = true;
    const workers = await Promise.allSettled(this.idle.splice(0));
    // Their teardown may still write into the artifact folders: removed once they have exited.
    await Promise.all(workers.map((w) => (w.status === 'fulfilled' ? w.value.stop() : undefined)));
    rmSync(this.artifacts, { recursive: true, force: true });
  }

  /** The next warm worker; a spare starts at once behind it. */
  private async take(): Promise<PlaywrightWorker> {
    if (this.stopped) throw new Error('the resident workers have stopped');
    const next = this.idle.shift() ?? this.start();
    if (!this.idle.length) this.idle.push(this.start());
    let worker = await next;
    // One that died while it waited (killed, out of memory) is replaced, once.
    if (!worker.alive) worker = await this.start();
    return worker;
  }

  /** Starts a worker and has it load every spec file, so its first check pays for neither. */
  private start(): Promise<PlaywrightWorker> {
    const started = this.startAndLoad();
    // A spare that fails to start is reported by the run that takes it, never as an unhandled rejection.
    started.catch(() => {});
    return started;
  }

  private async startAndLoad(): Promise<PlaywrightWorker> {
    const workerIndex = ++lastWorkerIndex;
    const artifactsDir = join(this.artifacts, String(workerIndex));
    mkdirSync(artifactsDir);
    const worker = await PlaywrightWorker.start({
      workerIndex,
      parallelIndex: 0,
      repeatEachIndex: 0,
      projectId: this.projectId,
      config: { location: { configDir: dirname(this.configFile), resolvedConfigFile: this.configFile }, configCLIOverrides: {} },
      artifactsDir,
      pauseOnError: false,
      pauseAtEnd: false,
    });
    for (const file of this.files) {
      const loaded = await worker.runGroup(file, []);
      if (loaded.fatal.length) {
        // Not left running: nothing would ever take it.
        void worker.stop();
        throw new Error(`Playwright's worker could not load ${file}: ${loaded.fatal.join('; ')}`);
      }
    }
    return worker;
  }
}
