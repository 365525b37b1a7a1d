/**
 * Playwright's own test runner kept open between runs (what its watch and UI modes use), and,
 * after a whole run, Playwright workers kept warm beside it: a re-run of a few checks goes
 * straight to a warm worker, and pays for neither the runner's loading nor a worker's start.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { HARNESS_ROOT } from '../common/harness-root';
import { outcomeOfTest, type CheckOutcome, type JsonTest } from '../report/check-outcomes';
import type { TestEnd } from './playwright-worker';
import { ResidentWorkers, type ResidentTest } from './resident-workers';

/** The part of Playwright's internal TestRunner (playwright/lib/runner) this module uses. */
interface TestRunner {
  initialize(params: Record<string, never>): Promise<void>;
  runTests(
    reporter: Reporter,
    params: { projects: string[]; testIds?: string[]; workers?: number; disableConfigReporters: boolean },
  ): Promise<{ status: string }>;
  stopTests(): Promise<void>;
}
interface RunnerModule {
  testRunner: { TestRunner: new (configLocation: unknown, overrides: Record<string, never>) => TestRunner };
}
interface CommonModule {
  configLoader: { resolveConfigLocation(file: string): unknown };
}

/** One check case as the last run that ran it saw it. */
export interface CaseResult {
  testId: string;
  outcome: CheckOutcome;
}

export interface PlaywrightSession {
  /**
   * Runs the whole conformance project as Playwright does; then keeps workers warm for
   * re-runs of its tests (until the next whole run, which starts them anew: the plan and the
   * platform may have changed). Resolves with each case that ran.
   */
  run(): Promise<CaseResult[]>;
  /** Runs some tests of the last whole run again, on a warm worker when one can take them. */
  rerun(testIds: string[], log: (line: string) => void): Promise<CaseResult[]>;
  stop(): Promise<void>;
}

/** A test of the conformance project as Playwright's TestCase has it (its project id is internal). */
type ListedTest = TestCase & { _projectId?: string };

/** The spec file that declares a test (its own location is where `test()` was called: suites/conformance.ts). */
function specFile(test: TestCase): string {
  let suite = test.parent;
  while (suite.type !== 'file' && suite.parent) suite = suite.parent;
  return suite.location?.file ?? test.location.file;
}

/** The one way a test's end becomes a check outcome, whether the runner or a resident worker ran it. */
function caseResult(testId: string, title: string, end: Pick<TestEnd, 'status' | 'expectedStatus' | 'errors' | 'annotations'>): CaseResult | undefined {
  // As Playwright's TestCase.outcome() reads a test's one result.
  const status: JsonTest['status'] =
    end.status === 'skipped' || end.status === 'interrupted' ? 'skipped' : end.status === end.expectedStatus ? 'expected' : 'unexpected';
  const outcome = outcomeOfTest(title, {
    status,
    annotations: end.annotations,
    results: [{ status: end.status, errors: end.errors, annotations: end.annotations }],
  });
  return outcome && { testId, outcome };
}

/** Opens a runner on a Playwright config (the harness's by default); its workers get this process's environment as it is when they start. */
export async function openPlaywrightSession({
  workers,
  configFile = join(HARNESS_ROOT, 'playwright.config.ts'),
}: { workers?: number; configFile?: string } = {}): Promise<PlaywrightSession> {
  // Playwright as @playwright/test itself loads it (the version package.json pins; the watch test notices a change of shape).
  const require = createRequire(createRequire(import.meta.url).resolve('@playwright/test'));
  const { testRunner } = require('playwright/lib/runner') as RunnerModule;
  const { configLoader } = require('playwright/lib/common') as CommonModule;
  const runner = new testRunner.TestRunner(configLoader.resolveConfigLocation(configFile), {});
  await runner.initialize({});
  let listed = new Map<string, ResidentTest & { title: string }>();
  let resident: ResidentWorkers | undefined;
  let projectId = 'conformance';

  /** A plain Playwright run of the project, or of some of its tests. */
  async function runnerRun(testIds?: string[]): Promise<CaseResult[]> {
    const results: CaseResult[] = [];
    const reporter: Reporter = {
      onTestEnd(test: ListedTest, result: TestResult) {
        if (!testIds) listed.set(test.id, { testId: test.id, file: specFile(test), title: test.title });
        projectId = test._projectId ?? projectId;
        const ended = caseResult(test.id, test.title, { ...result, expectedStatus: test.expectedStatus, annotations: test.annotations });
        if (ended) results.push(ended);
      },
      printsToStdio: () => true,
    };
    await runner.runTests(reporter, { projects: ['conformance'], testIds, workers, disableConfigReporters: true });
    return results;
  }

  return {
    async run() {
      await resident?.stop();
      resident = undefined;
      listed = new Map();
      const results = await runnerRun();
      if (listed.size) resident = new ResidentWorkers(configFile, projectId, [...new Set([...listed.values()].map((t) => t.file))]);
      return results;
    },
    async rerun(testIds, log) {
      const tests = testIds.flatMap((id) => listed.get(id) ?? []);
      if (resident && tests.length === testIds.length) {
        try {
          const ended = await resident.run(tests);
          return ended.flatMap((end) => caseResult(end.testId, listed.get(end.testId)!.title, end) ?? []);
        } catch (error) {
          log(`${(error as Error).message}; running them as a whole Playwright run instead`);
        }
      }
      return runnerRun(testIds);
    },
    async stop() {
      await resident?.stop();
      await runner.stopTests();
    },
  };
}
