/**
 * Playwright's own test runner kept open between runs (what its watch and UI modes use), so a
 * re-run after an edit pays only for the workers, not for starting Playwright again.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { HARNESS_ROOT } from '../common/harness-root';
import { outcomeOfTest, type CheckOutcome } from '../report/check-outcomes';

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
  /** Runs the conformance project, or only the given tests; resolves with each case that ran. */
  run(testIds?: string[]): Promise<CaseResult[]>;
  stop(): Promise<void>;
}

/** Opens a runner on the harness's config; its workers get this process's environment as it is at each run. */
export async function openPlaywrightSession({ workers }: { workers?: number } = {}): Promise<PlaywrightSession> {
  // Playwright as @playwright/test itself loads it (the version package.json pins; the watch test notices a change of shape).
  const require = createRequire(createRequire(import.meta.url).resolve('@playwright/test'));
  const { testRunner } = require('playwright/lib/runner') as RunnerModule;
  const { configLoader } = require('playwright/lib/common') as CommonModule;
  const runner = new testRunner.TestRunner(configLoader.resolveConfigLocation(join(HARNESS_ROOT, 'playwright.config.ts')), {});
  await runner.initialize({});
  return {
    async run(testIds) {
      const results: CaseResult[] = [];
      const reporter: Reporter = {
        onTestEnd(test: TestCase, result: TestResult) {
          const outcome = outcomeOfTest(test.title, {
            status: test.outcome(),
            annotations: test.annotations,
            results: [{ status: result.status, errors: result.errors, annotations: result.annotations }],
          });
          if (outcome) results.push({ testId: test.id, outcome });
        },
        printsToStdio: () => true,
      };
      await runner.runTests(reporter, { projects: ['conformance'], testIds, workers, disableConfigReporters: true });
      return results;
    },
    stop: () => runner.stopTests(),
  };
}
