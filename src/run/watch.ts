/**
 * `run --watch`: the platform stays up around the app and Playwright stays open; an edit to a
 * handler's files reloads the handlers and re-runs the checks of the routes it can change (and
 * the app-wide ones), then prints what changed. Any other edit (manifest, scopes, conformance.yaml,
 * pacts, stubs) restarts the platform and re-runs everything.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { loadVariables } from '../app/variables-file';
import { PLAN_FILE_ENV, planRun, writePlan } from '../conformance/run-plan';
import type { ForgeApp } from '../app/forge-app';
import { lintApp } from '../app/lint';
import { loadApp } from '../app/load-app';
import { countOutcomes, OUTCOMES, type CheckOutcome } from '../report/check-outcomes';
import { publishStack, STACK_FILE_ENV } from '../stack/connect';
import { startEmbeddedStack } from '../stack/embedded';
import type { Stack } from '../stack/stack';
import { affectedRoutes, routeSources } from './affected-routes';
import { watchAppFolder } from './app-watcher';
import { openPlaywrightSession, type CaseResult, type PlaywrightSession } from './playwright-session';
import { withoutRunnerState } from './runner-environment';
import { HARNESS_NAMES } from '../pact/harness-names';

export interface WatchOptions {
  appDir: string;
  upstreams: string[];
  /** The app environment's variables file, instead of the app's forge-variables.yaml. */
  variables?: string;
  workers?: number;
  /** What the user reads: outcomes and what changed. */
  print: (line: string) => void;
  /** Progress of the loop itself. */
  log: (line: string) => void;
  /** Ends the loop. */
  signal: AbortSignal;
}

/** Watches until the signal; resolves once the platform has stopped. */
export async function watchConformance(options: WatchOptions): Promise<void> {
  const handover = mkdtempSync(join(tmpdir(), 'forge-conformance-watch-'));
  const stackFile = join(handover, 'stack.json');
  // Playwright runs in this process: its workers find the app and the stack in its environment.
  withoutRunnerState(process.env);
  const appDir = loadApp(options.appDir).dir;
  Object.assign(process.env, { FORGE_CONFORMANCE_APP: appDir, [STACK_FILE_ENV]: stackFile, [PLAN_FILE_ENV]: join(handover, 'plan.json') });
  const session = await openPlaywrightSession({ workers: options.workers });
  const state = new WatchState(appDir, options, session, stackFile);
  let queue = state.restart('start');
  watchAppFolder(state.appDir, (edit) => (queue = queue.then(() => state.changed(edit.files, edit.at))), options.signal);
  await new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }));
  await queue;
  await session.stop();
  await state.stop();
  rmSync(handover, { recursive: true, force: true });
}

/** The loop's memory: the platform, the app as last loaded, and each case's last outcome. */
class WatchState {
  private stack: Stack | undefined;
  private app: ForgeApp | undefined;
  private sources = new Map<string, Set<string> | 'any'>();
  private readonly last = new Map<string, CaseResult>();

  constructor(
    readonly appDir: string,
    private readonly options: WatchOptions,
    private readonly session: PlaywrightSession,
    private readonly stackFile: string,
  ) {}

  /** An edit: handler files re-run their routes' checks on the running platform; anything else restarts it. */
  async changed(files: string[], savedAt: number): Promise<void> {
    if (this.options.signal.aborted) return;
    const names = files.map((file) => relative(this.appDir, file).split(sep).join('/')).join(', ');
    const { stack, app } = this;
    // Only files a handler is known to load take the fast path; anything else may change routes, scopes or stubs.
    const loaded = (file: string) => [...this.sources.values()].some((s) => s !== 'any' && s.has(file));
    if (!stack?.reloadHandlers || !app || !files.every(loaded)) return this.restart(`${names} changed`, savedAt);
    const routes = new Set(affectedRoutes(this.sources, files));
    const testIds = [...this.last.values()].filter((c) => c.outcome.route === undefined || routes.has(c.outcome.route)).map((c) => c.testId);
    // The old host is let go at once (no invocation reaches it after this call), and the checks
    // start on a warm worker at once: the first call waits for the new host if it must. The edit
    // may have changed what the handlers import: learned again while the checks run.
    const reloaded = stack.reloadHandlers();
    const [results, sources] = await Promise.all([this.session.rerun(testIds, this.options.log), routeSources(app), reloaded]);
    this.sources = sources;
    this.report(`${names} changed: ${results.length} checks of ${[...routes].join(', ') || 'no route'} and the app-wide ones re-ran`, results, savedAt);
  }

  /** Loads and lints the app, (re)starts the platform around it and runs every check. */
  async restart(why: string, savedAt = performance.now()): Promise<void> {
    await this.stop();
    try {
      const app = loadApp(this.appDir);
      const lintErrors = (await lintApp(app, HARNESS_NAMES)).filter((f) => f.severity === 'error');
      if (lintErrors.length) {
        for (const finding of lintErrors) this.options.print(`✖ ${finding.id} ${finding.file}: ${finding.message}`);
        this.options.print(`↻ ${why}: lint errors (the app would not deploy); the checks run again once they are fixed. ${WATCHING}`);
        return;
      }
      // The cases are planned once per restart: the runner's processes read them from the plan file.
      writePlan(process.env[PLAN_FILE_ENV]!, planRun(app, HARNESS_NAMES));
      this.options.log(`Starting the platform around ${app.dir} …`);
      this.stack = await startEmbeddedStack({
        app: app.dir,
        upstreams: this.options.upstreams,
        variables: loadVariables(app.dir, { file: this.options.variables }),
        testControls: true,
      });
      publishStack(this.stackFile, this.stack.description);
      this.app = app;
      this.sources = await routeSources(app);
    } catch (error) {
      // An edit that breaks the app is reported, and the loop waits for the next one.
      this.options.print(`✖ ${error instanceof AppLoadError ? error.message : `the platform could not start: ${(error as Error).message}`}`);
      this.options.print(`↻ ${why}: the checks run again once that is fixed. ${WATCHING}`);
      return;
    }
    this.last.clear();
    const results = await this.session.run();
    this.report(`${why}: all ${results.length} checks ran`, results, savedAt);
  }

  async stop(): Promise<void> {
    const stack = this.stack;
    this.stack = undefined;
    await stack?.stop();
  }

  /** Prints each case whose outcome changed, then where the app stands. */
  private report(what: string, results: CaseResult[], savedAt: number): void {
    const { print } = this.options;
    let changes = 0;
    for (const result of results) {
      const before = this.last.get(result.outcome.case)?.outcome;
      this.last.set(result.outcome.case, result);
      // After a (re)start every outcome is new: only what does not pass is news.
      if (before ? before.outcome === result.outcome.outcome : result.outcome.outcome === 'pass') continue;
      changes += 1;
      print(`${SYMBOL[result.outcome.outcome]} ${result.outcome.case}: ${before ? `${before.outcome} → ` : ''}${describe(result.outcome)}`);
    }
    const counts = countOutcomes([...this.last.values()].map((c) => c.outcome));
    const now = OUTCOMES.filter((o) => counts[o] > 0).map((o) => `${counts[o]} ${o}`);
    print(
      `↻ ${what} in ${((performance.now() - savedAt) / 1000).toFixed(2)} s, ${changes} outcome${changes === 1 ? '' : 's'} to report; ` +
        `now ${now.join(', ') || 'no checks'}. ${WATCHING}`,
    );
  }
}

const WATCHING = 'Watching for edits (Ctrl-C stops).';

const SYMBOL: Record<CheckOutcome['outcome'], string> = { pass: '✔', fail: '✖', warn: '!', skipped: '-', 'no-evidence': '?', waived: '~' };

const describe = (c: CheckOutcome) => `${c.outcome}${c.message ? `: ${c.message}` : ''}`;
