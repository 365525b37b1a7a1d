import type { Reporter } from '@playwright/test/reporter';

/** The message a `forge-conformance run` waits for (src/run/conformance-run.ts). */
export const RESULTS_WRITTEN = 'forge-conformance:results-written';

/**
 * Listed after the JSON and JUnit reporters of a run and before the HTML one: tells the process
 * that started the runner (over its IPC channel, when it has one) that results.json and
 * junit.xml are written, so the verdict is printed while Playwright still writes its HTML report.
 */
export default class ResultsWrittenReporter implements Reporter {
  async onEnd(): Promise<void> {
    if (!process.send) return;
    await new Promise<void>((resolve) => process.send!(RESULTS_WRITTEN, () => resolve()));
  }

  printsToStdio(): boolean {
    return false;
  }
}
