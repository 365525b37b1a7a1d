import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM } from './fixtures/machine';

/**
 * One runner, one configuration: every kind of test is a project here, and nothing else is. What
 * the machine lacks (Chromium, a Docker engine) is found by the global setup; those tests skip.
 */

/** A `forge-conformance run` writes its reports into its own run folder (src/run/conformance-run.ts). */
const runDir = process.env.FORGE_CONFORMANCE_RUN_DIR;

export default defineConfig({
  globalSetup: './fixtures/global-setup.ts',
  outputDir: runDir ? `${runDir}/test-results` : 'test-results',
  forbidOnly: !!process.env.CI,
  reporter: runDir
    ? [
        [process.stdout.isTTY ? 'line' : 'list'],
        ['json', { outputFile: `${runDir}/results.json` }],
        ['junit', { outputFile: `${runDir}/junit.xml`, embedAnnotationsAsProperties: true }],
        // Reporters end in this order: the run prints its verdict once the two above are written, while the HTML report is.
        ['./src/report/results-written-reporter.ts'],
        ['html', { outputFolder: `${runDir}/html`, open: 'never' }],
        // A shard's part of the run, for `forge-conformance merge` (src/run/merge-runs.ts).
        ...(process.env.FORGE_CONFORMANCE_BLOB ? [['blob', { outputDir: `${runDir}/blob` }] as const] : []),
        // A nightly's run, for Allure Report's history, trends and flakiness views (src/nightly/allure-report.ts).
        ...(process.env.FORGE_CONFORMANCE_ALLURE_RESULTS ? [['allure-playwright', { resultsDir: process.env.FORGE_CONFORMANCE_ALLURE_RESULTS }] as const] : []),
      ]
    : [
        ['list'],
        ['html', { outputFolder: 'reports/tests/html', open: 'never' }],
        ['./src/report/plain-summary-reporter.ts'],
        ...(process.env.CI ? [['junit', { outputFile: 'reports/tests/junit.xml' }] as const] : []),
      ],
  projects: [
    {
      name: 'unit',
      testDir: 'src',
      testMatch: '**/*.test.ts',
      testIgnore: ['**/*.browser.test.ts', '**/*.containers.test.ts', '**/*.hostile.test.ts'],
      fullyParallel: true,
    },
    {
      // The platform's own hostile-input campaign: over 10,000 inputs, loopback only, a canary that nothing may reach.
      name: 'hostile',
      testDir: 'src',
      testMatch: '**/*.hostile.test.ts',
      fullyParallel: false,
    },
    {
      // The conformance suites, against the sample app (or FORGE_CONFORMANCE_APP); a
      // `forge-conformance run` runs this project against the stack it started.
      name: 'conformance',
      testDir: 'suites',
      testMatch: '**/*.spec.ts',
      fullyParallel: true,
    },
    {
      // Consumer tests writing pacts (contracts/pacts/, contracts/platform/) and consumers run against Pact mocks of them:
      // one worker, or parallel writers drop interactions (facts.md §9).
      name: 'contracts',
      testDir: 'contracts',
      testMatch: '**/*.test.ts',
      workers: 1,
      fullyParallel: false,
    },
    {
      // Images are built here and containers use host networking on loopback.
      name: 'containers',
      testDir: 'src',
      testMatch: '**/*.containers.test.ts',
      fullyParallel: false,
    },
    {
      name: 'browser',
      testDir: 'src',
      testMatch: '**/*.browser.test.ts',
      fullyParallel: true,
      use: {
        ...devices['Desktop Chrome'],
        screenshot: 'only-on-failure',
        trace: 'retain-on-failure',
        video: 'off',
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Nothing but loopback: Chromium would otherwise look up Google's hosts.
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
          ],
        },
      },
    },
  ],
});
