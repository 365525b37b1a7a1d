import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends a run with one plain line, `N passed, N failed, N skipped`, that any CI log reader can
 * count without knowing Playwright's own summary format.
 */
export default class PlainSummaryReporter implements Reporter {
  private readonly outcomes = new Map<TestCase, ReturnType<TestCase['outcome']>>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    this.outcomes.set(test, test.outcome());
  }

  onEnd(_result: FullResult): void {
    const count = (...kinds: ReturnType<TestCase['outcome']>[]) => [...this.outcomes.values()].filter((o) => kinds.includes(o)).length;
    process.stdout.write(`\n${count('expected', 'flaky')} passed, ${count('unexpected')} failed, ${count('skipped')} skipped\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
