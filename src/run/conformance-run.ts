import { HARNESS_ROOT, PLAYWRIGHT_CLI } from '../common/harness-root';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { forgePackagesOf } from '../app/forge-runtime-packages';
import { lintApp } from '../app/lint';
import { loadApp } from '../app/load-app';
import { loadVariables } from '../app/variables-file';
import { searchableSecret } from '../platform/gateway/echoed-secrets';
import { RESULTS_WRITTEN } from '../report/results-written-reporter';
import { PLAN_FILE_ENV, planRun, writePlan } from '../conformance/run-plan';
import { stopCompiler } from '../app/module-exports';
import { DEFAULT_PROFILE } from '../platform/profile';
import { outcomesFromReport } from '../report/check-outcomes';
import type { RunSummary } from '../report/summary';
import { publishStack, STACK_FILE_ENV } from '../stack/connect';
import type { Stack } from '../stack/stack';
import { startStack } from '../stack/start-stack';
import type { StackTarget } from '../stack/stack';
import { loadDeploymentFile } from '../stack/remote/deployment-file';
import { resolveDeployment } from '../stack/remote/remote-stack';
import { AppLoadError } from '../app/app-load-error';
import type { ForgeApp } from '../app/forge-app';
import { platformAppOf } from '../platform/auth/app-identity';
import { writeRunFolder, type RunEvidence } from './run-folder';
import { withoutRunnerState } from './runner-environment';
import { HARNESS_NAMES } from '../pact/harness-names';

/** The run could not produce a verdict (the runner crashed, the stack did not start). */
export class RunError extends Error {}

export interface RunOptions {
  appDir: string;
  /** Where the platform runs: in this process (embedded), as containers, or a real deployment (remote, with `remote`). */
  target?: StackTarget;
  /** The remote target's deployment file (stack/remote/deployment-file.ts). */
  remote?: string;
  /** Nock definitions for the app's external services (files or folders). */
  upstreams: string[];
  /** The app environment's variables file, instead of the app's forge-variables.yaml. */
  variables?: string;
  /** Where run folders go: reports/ by default. */
  reportsDir?: string;
  grep?: string;
  /** This machine's part of the matrix (Playwright's sharding): `merge` puts the parts together. */
  shard?: { index: number; total: number };
  /** Playwright retries: a check that passes on a retry is reported flaky. */
  retries?: number;
  /** Where Allure's results of this run go (the nightly's Allure Report), if anywhere. */
  allureResults?: string;
  /** Take the certificate's screenshots in Chromium (certify and nightly do; a run spares Chromium's start). */
  screenshots?: boolean;
  workers?: number;
  version: string;
  /** Progress lines of the run itself (the test runner prints its own). */
  log: (line: string) => void;
  /** Called once the verdict is known: before the run folder's certificate is written, and while Playwright may still write its HTML report. */
  onVerdict?: (result: RunResult) => void;
}

export interface RunResult {
  summary: RunSummary;
  runDir: string;
}

/** A run's time as its folder names it: `20261205-120754`. */
export const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * One conformance run: lint the app; unless lint finds errors (the app would not deploy), start
 * the platform around it and run the `conformance` project's suites against that stack in
 * Playwright; then write the run folder (Playwright's HTML and JUnit, and run-folder.ts's reports).
 */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const started = new Date();
  const app = loadApp(options.appDir);
  // Read once, now: a broken conformance.yaml, waiver or pact file stops the run before anything starts.
  const plan = planRun(app, HARNESS_NAMES);
  const { waivers } = plan;
  // A real deployment has its own variables, which no run can see: a remote run names none.
  const variables = options.target === 'remote' ? [] : loadVariables(app.dir, { file: options.variables });
  const runId = `${basename(app.dir)}-${stamp(started)}`;
  const runDir = resolve(options.reportsDir ?? join(HARNESS_ROOT, 'reports'), runId);
  mkdirSync(runDir, { recursive: true });

  // Playwright starts (and collects the suites) while the app is linted and the platform starts; its workers wait for the stack.
  const handover = mkdtempSync(join(tmpdir(), 'forge-conformance-run-'));
  const stackFile = join(handover, 'stack.json');
  const planFile = join(handover, 'plan.json');
  writePlan(planFile, plan);
  const suites = startSuites({ stackFile, planFile }, app.dir, runDir, options);
  const stopSuites = async () => {
    suites.runner.kill('SIGTERM');
    await suites.finished.catch(() => undefined);
    rmSync(handover, { recursive: true, force: true });
  };
  // The app's code is read (lint, the @forge/* packages it loads) by esbuild's compiler process, ended
  // here: left running, it would outlive the run as an orphan that nothing reaps (a defunct process).
  const [findings, forgePackages] = await (async () => {
    try {
      const found = await lintApp(app, HARNESS_NAMES).catch(async (error: unknown) => {
        await stopSuites();
        throw error;
      });
      return [found, await forgePackagesOf(app)] as const;
    } finally {
      await stopCompiler();
    }
  })();

  // A run restricted to some checks, to a shard, or to what a real deployment lets a run see, cannot speak for the app: it is partial, whatever it finds.
  const target = options.target ?? 'embedded';
  const restrictions = [
    options.grep && `--grep ${options.grep}`,
    options.shard && `--shard ${options.shard.index}/${options.shard.total}`,
    target === 'remote' && '--target remote',
  ].filter(Boolean);
  const evidence: RunEvidence = {
    app,
    runId,
    version: options.version,
    startedAt: started.toISOString(),
    durationMs: 0,
    target,
    envId: null,
    forgePackages,
    // Names only, from here on: whether each encrypted one could be searched for is all the reports need of its value.
    variables: variables.map(({ name, encrypted, value }) => ({ name, encrypted, ...(encrypted && { searched: searchableSecret(value) }) })),
    waivers,
    expectedEgress: plan.egress,
    findings,
    partial: restrictions.join(' ') || null,
    defaultProfile: DEFAULT_PROFILE,
  };
  // Once the verdict is printed, what is still being written: Playwright's reports, on the local targets.
  let reportsWritten = Promise.resolve();
  // The app would not deploy: the platform checks are not run.
  if (findings.some((f) => f.severity === 'error')) await stopSuites();
  else if (target === 'remote') {
    try {
      const deployment = await remoteDeployment(app, options.remote);
      options.log(`Running against the deployment at ${deployment.gateway} (remote target) …`);
      publishStack(stackFile, { target: 'remote', remote: deployment });
      await suites.finished;
      evidence.envId = deployment.envId;
      // A real deployment keeps no observation log or traffic log for us: coverage and egress are not observed.
      evidence.platform = { checks: checksOf(runDir), profile: DEFAULT_PROFILE };
    } finally {
      await stopSuites();
    }
  } else {
    options.log(`Starting the platform around ${basename(app.dir)} (${target} target) …`);
    let stack: Stack;
    try {
      stack = await startStack(target, { app: app.dir, upstreams: options.upstreams, variables, testControls: true });
    } catch (error) {
      await stopSuites();
      throw error;
    }
    try {
      publishStack(stackFile, stack.description);
      await suites.resultsWritten;
      reportsWritten = suites.finished;
      evidence.envId = stack.app.envId;
      // Background work is judged once it is done: the queues settle (bounded) before the logs are read.
      await stack.observations.settleEvents(stack.profile.events.drainMs);
      evidence.platform = {
        checks: checksOf(runDir),
        calls: await stack.observations.calls(),
        traffic: await stack.observations.traffic(),
        storage: await stack.observations.storage(),
        events: await stack.observations.events(),
        sql: await stack.observations.sql(),
        profile: stack.profile,
      };
    } finally {
      rmSync(handover, { recursive: true, force: true });
      await stack.stop();
    }
  }
  evidence.durationMs = Date.now() - started.getTime();
  const summary = writeRunFolder(runDir, evidence, (known) => options.onVerdict?.({ summary: known, runDir }));
  // Playwright has been writing its HTML report meanwhile: the run is over when its runner is.
  await reportsWritten;
  return { summary, runDir };
}

/** The check outcomes Playwright's JSON report holds; none means the runner broke. */
function checksOf(runDir: string) {
  const report = join(runDir, 'results.json');
  if (!existsSync(report)) throw new RunError('the test runner wrote no results: see its output above');
  return outcomesFromReport(JSON.parse(readFileSync(report, 'utf8')));
}

/** The deployment the deployment file names, its tokens read from the environment now. */
async function remoteDeployment(app: ForgeApp, profileFile: string | undefined) {
  if (!profileFile) throw new AppLoadError('the remote target needs --remote FILE: a YAML file describing the deployment (docs/ci.md)');
  const identity = platformAppOf(app);
  if (!identity) throw new AppLoadError(`${app.dir}/manifest.yml has no app.id of the form ari:cloud:ecosystem::app/<uuid>`);
  return resolveDeployment(loadDeploymentFile(profileFile), { ...identity, dir: app.dir });
}

/** Starts the `conformance` project in a Playwright of its own, its workers borrowing the stack handed over in `stackFile`. */
function startSuites(
  { stackFile, planFile }: { stackFile: string; planFile: string },
  appDir: string,
  runDir: string,
  options: RunOptions,
): { runner: ChildProcess; resultsWritten: Promise<void>; finished: Promise<void> } {
  const args = [
    PLAYWRIGHT_CLI,
    'test',
    '--config',
    join(HARNESS_ROOT, 'playwright.config.ts'),
    '--project',
    'conformance',
    ...(options.grep ? ['--grep', options.grep] : []),
    ...(options.shard ? ['--shard', `${options.shard.index}/${options.shard.total}`] : []),
    ...(options.workers ? ['--workers', String(options.workers)] : []),
    ...(options.retries ? ['--retries', String(options.retries)] : []),
  ];
  const env = withoutRunnerState({ ...process.env });
  const runner = spawn(process.execPath, args, {
    cwd: HARNESS_ROOT,
    // The IPC channel carries one message: results.json and junit.xml are written (results-written-reporter.ts).
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...env,
      FORGE_CONFORMANCE_APP: appDir,
      [STACK_FILE_ENV]: stackFile,
      [PLAN_FILE_ENV]: planFile,
      FORGE_CONFORMANCE_RUN_DIR: runDir,
      // A shard also writes Playwright's blob report, from which `merge` rebuilds the whole run's reports.
      ...(options.shard && { FORGE_CONFORMANCE_BLOB: '1' }),
      ...(options.allureResults && { FORGE_CONFORMANCE_ALLURE_RESULTS: options.allureResults }),
      ...(options.screenshots && { FORGE_CONFORMANCE_SCREENSHOTS: '1' }),
      PLAYWRIGHT_HTML_OPEN: 'never',
    },
  });
  const finished = once(runner, 'exit').then(([code]) => {
    // 0: all passed; 1: some failed. Anything else means the runner itself broke.
    if (code !== 0 && code !== 1) throw new RunError(`the test runner exited with code ${code}`);
  });
  // Awaited once the stack is up; until then a runner that broke must not count as an unhandled failure.
  finished.catch(() => undefined);
  // The HTML report is still being written then; a runner that ends without saying so ends the wait too, broken or not.
  const resultsWritten = new Promise<void>((resolve, reject) => {
    runner.on('message', (message) => message === RESULTS_WRITTEN && resolve());
    finished.then(resolve, reject);
  });
  resultsWritten.catch(() => undefined);
  return { runner, resultsWritten, finished };
}
