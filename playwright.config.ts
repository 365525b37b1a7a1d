import { defineConfig } from '@playwright/test';

/**
 * One runner, one configuration: every kind of test is a project here. Later issues add the
 * conformance suites, the browser pages and the containers target as further projects.
 */
export default defineConfig({
  outputDir: 'test-results',
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['./src/report/plain-summary-reporter.ts'],
    ...(process.env.CI ? [['junit', { outputFile: 'reports/tests/junit.xml' }] as const] : []),
  ],
  projects: [
    {
      name: 'unit',
      testDir: 'src',
      testMatch: '**/*.test.ts',
      fullyParallel: true,
    },
  ],
});
