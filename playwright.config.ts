import { defineConfig } from '@playwright/test';

/**
 * One runner, one configuration: every kind of test is a project here. Later issues add the
 * conformance suites, the browser pages and the containers target as further projects.
 */
export default defineConfig({
  outputDir: 'test-results',
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'reports/tests/junit.xml' }]] : [['list']],
  projects: [
    {
      name: 'unit',
      testDir: 'src',
      testMatch: '**/*.test.ts',
      fullyParallel: true,
    },
  ],
});
