import { HARNESS_ROOT } from '../harness-root';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { loadConformanceFile, loadWaivers } from '../app/conformance-file';
import { countBySeverity } from '../app/findings';
import { forgePackagesOf } from '../app/forge-runtime-packages';
import { lintApp } from '../app/lint';
import { loadApp } from '../app/load-app';
import { scopeMapping, scopeMappingMarkdown } from '../app/scope-mapping';
import { CHECK_IDS, CHECKS } from '../conformance/catalogue';
import { DEFAULT_PROFILE } from '../platform/profile';
import type { CheckOutcome } from '../report/check-outcomes';
import { outcomesFromReport } from '../report/check-outcomes';
import { certificateHtml, certificateMarkdown } from '../report/certificate';
import { appPactSources, pactFilesOf } from '../contracts/app-pacts';
import { pactInteractions } from '../contracts/pact-file';
import { coverageOutcomes, routeCoverage, type RouteCoverage } from '../report/route-coverage';
import { runsOnAtlassian } from '../report/runs-on-atlassian';
import { summarize, type RunSummary } from '../report/summary';
import type { TrafficEntry } from '../platform/proxy/traffic-log';
import { publishStack, STACK_FILE_ENV } from '../stack/connect';
import type { Stack } from '../stack/stack';
import { startStack, type LocalTarget } from '../stack/start-stack';
import { withoutRunnerState } from './runner-environment';

const ROOT = HARNESS_ROOT;
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');

/** The run could not produce a verdict (the runner crashed, the stack did not start). */
export class RunError extends Error {}

export interface RunOptions {
  appDir: string;
  /** Where the platform runs: in this process (embedded) or as containers. */
  target?: LocalTarget;
  /** Nock definitions for the app's external services (files or folders). */
  upstreams: string[];
  /** Where run folders go: reports/ by default. */
  reportsDir?: string;
  grep?: string;
  workers?: number;
  version: string;
  /** Progress lines of the run itself (the test runner prints its own). */
  log: (line: string) => void;
}

export interface RunResult {
  summary: RunSummary;
  runDir: string;
}

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * One conformance run: lint the app; unless lint finds errors (the app would not deploy), start
 * the platform around it and run the `conformance` project's suites against that stack in
 * Playwright; then write the run folder: Playwright's HTML and JUnit, summary.json, the
 * certificate (Markdown and HTML), the traffic log and the scope-mapping document.
 */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const started = new Date();
  const app = loadApp(options.appDir);
  // Read now, so a broken conformance.yaml or pact file stops the run before anything starts.
  loadConformanceFile(app.dir);
  pactInteractions(pactFilesOf(appPactSources(app.dir)));
  const waivers = loadWaivers(app.dir, CHECK_IDS);
  const runId = `${basename(app.dir)}-${stamp(started)}`;
  const runDir = resolve(options.reportsDir ?? join(ROOT, 'reports'), runId);
  mkdirSync(runDir, { recursive: true });

  // Playwright starts (and collects the suites) while the app is linted and the platform starts; its workers wait for the stack.
  const handover = mkdtempSync(join(tmpdir(), 'forge-conformance-run-'));
  const stackFile = join(handover, 'stack.json');
  const suites = startSuites(stackFile, app.dir, runDir, options);
  const stopSuites = async () => {
    suites.runner.kill('SIGTERM');
    await suites.finished.catch(() => undefined);
    rmSync(handover, { recursive: true, force: true });
  };
  const findings = await lintApp(app).catch(async (error: unknown) => {
    await stopSuites();
    throw error;
  });
  const lintErrors = findings.filter((f) => f.severity === 'error');
  const lintOutcome: CheckOutcome = {
    id: 'MANIFEST-LINT-01',
    case: 'MANIFEST-LINT-01 manifest.yml and custom-scopes.yaml',
    title: CHECKS['MANIFEST-LINT-01'].title,
    clause: CHECKS['MANIFEST-LINT-01'].clause,
    severity: 'failure',
    outcome: lintErrors.length ? 'fail' : 'pass',
    ...(lintErrors.length && {
      message: `lint errors: ${[...new Set(lintErrors.map((f) => f.id))].join(', ')} (the app would not deploy; the platform checks were not run)`,
    }),
  };

  // A run restricted to some checks cannot speak for the app: it is partial, whatever it finds.
  const partial = options.grep ? `--grep ${options.grep}` : null;
  let checks: CheckOutcome[] = [lintOutcome];
  let coverage: RouteCoverage[] = [];
  let egress: RunSummary['egress'] = { methodCoverage: {}, requests: 0, refused: 0 };
  let traffic: TrafficEntry[] | undefined;
  let stack: Stack | undefined;
  // The app would not deploy: the platform checks are not run.
  if (lintErrors.length) await stopSuites();
  else {
    const target = options.target ?? 'embedded';
    options.log(`Starting the platform around ${basename(app.dir)} (${target} target) …`);
    try {
      stack = await startStack(target, { app: app.dir, upstreams: options.upstreams, testControls: true });
    } catch (error) {
      await stopSuites();
      throw error;
    }
    try {
      publishStack(stackFile, stack.description);
      await suites.finished;
      const report = join(runDir, 'results.json');
      if (!existsSync(report)) throw new RunError('the test runner wrote no results: see its output above');
      checks = [lintOutcome, ...outcomesFromReport(JSON.parse(readFileSync(report, 'utf8')))];
      traffic = await stack.observations.traffic();
      coverage = routeCoverage(app.apiRoutes, await stack.observations.calls(), traffic, checks);
      // Only a full run can say a route was never exercised to a 2xx.
      if (!partial) checks.push(...coverageOutcomes(coverage, waivers));
      writeFileSync(join(runDir, 'traffic.json'), `${JSON.stringify(traffic, null, 2)}\n`);
      egress = {
        methodCoverage: await stack.observations.methodCoverage(),
        requests: traffic.length,
        refused: traffic.filter((e) => e.decision === 'refused').length,
      };
    } finally {
      rmSync(handover, { recursive: true, force: true });
      await stack.stop();
    }
  }

  const summary = summarize({
    version: options.version,
    runId,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    app: {
      name: basename(app.dir),
      dir: app.dir,
      id: app.appId ?? null,
      envId: stack?.app.envId ?? null,
      manifestSha256: createHash('sha256')
        .update(readFileSync(join(app.dir, 'manifest.yml')))
        .digest('hex'),
    },
    target: options.target ?? 'embedded',
    forgePackages: await forgePackagesOf(app),
    partial,
    checks,
    coverage,
    waivers,
    lint: { ...countBySeverity(findings), findings },
    egress,
    runsOnAtlassian: runsOnAtlassian(app, traffic),
    profile: stack?.profile ?? DEFAULT_PROFILE,
  });
  const scopes = scopeMapping(app);
  const certificate = certificateMarkdown(summary, scopes);
  writeFileSync(join(runDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(runDir, 'certificate.md'), certificate);
  writeFileSync(join(runDir, 'certificate.html'), certificateHtml(summary, certificate));
  writeFileSync(join(runDir, 'scope-mapping.md'), scopeMappingMarkdown(scopes));
  writeFileSync(join(runDir, 'scope-mapping.json'), `${JSON.stringify(scopes, null, 2)}\n`);
  return { summary, runDir };
}

/** Starts the `conformance` project in a Playwright of its own, its workers borrowing the stack handed over in `stackFile`. */
function startSuites(stackFile: string, appDir: string, runDir: string, options: RunOptions): { runner: ChildProcess; finished: Promise<void> } {
  const args = [
    PLAYWRIGHT_CLI,
    'test',
    '--config',
    join(ROOT, 'playwright.config.ts'),
    '--project',
    'conformance',
    ...(options.grep ? ['--grep', options.grep] : []),
    ...(options.workers ? ['--workers', String(options.workers)] : []),
  ];
  const env = withoutRunnerState({ ...process.env });
  const runner = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...env,
      FORGE_CONFORMANCE_APP: appDir,
      [STACK_FILE_ENV]: stackFile,
      FORGE_CONFORMANCE_RUN_DIR: runDir,
      PLAYWRIGHT_HTML_OPEN: 'never',
    },
  });
  const finished = once(runner, 'exit').then(([code]) => {
    // 0: all passed; 1: some failed. Anything else means the runner itself broke.
    if (code !== 0 && code !== 1) throw new RunError(`the test runner exited with code ${code}`);
  });
  // Awaited once the stack is up; until then a runner that broke must not count as an unhandled failure.
  finished.catch(() => undefined);
  return { runner, finished };
}
