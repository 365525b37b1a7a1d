import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { dockerEngine } from './src/stack/containers/docker';

/** Debian's Chromium (environment.md): Playwright's own browser download cannot run here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`\n⚠ Skipping the "browser" project: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).\n`);
}

/**
 * One runner, one configuration: every kind of test is a project here. Later issues add the
 * conformance suites and the containers target as further projects.
 */
/** The containers target needs a Docker engine; testcontainers must not pull Ryuk or alpine (environment.md). */
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
const engine = dockerEngine();
if (!engine.reachable) {
  console.warn(`\n⚠ Skipping the "containers" project: ${engine.reason} (run \`npm run setup\` as root, or start dockerd).\n`);
}

/** A `forge-conformance run` writes its reports into its own run folder (src/run/conformance-run.ts). */
const runDir = process.env.FORGE_CONFORMANCE_RUN_DIR;

export default defineConfig({
  outputDir: runDir ? `${runDir}/test-results` : 'test-results',
  forbidOnly: !!process.env.CI,
  reporter: runDir
    ? [
        [process.stdout.isTTY ? 'line' : 'list'],
        ['json', { outputFile: `${runDir}/results.json` }],
        ['junit', { outputFile: `${runDir}/junit.xml`, embedAnnotationsAsProperties: true }],
        ['html', { outputFolder: `${runDir}/html`, open: 'never' }],
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
    ...(engine.reachable
      ? [
          {
            // Images are built here and containers use host networking on loopback.
            name: 'containers',
            testDir: 'src',
            testMatch: '**/*.containers.test.ts',
            fullyParallel: false,
          },
        ]
      : []),
    ...(hasChromium
      ? [
          {
            name: 'browser',
            testDir: 'src',
            testMatch: '**/*.browser.test.ts',
            fullyParallel: true,
            use: {
              ...devices['Desktop Chrome'],
              screenshot: 'only-on-failure' as const,
              trace: 'retain-on-failure' as const,
              video: 'off' as const,
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
        ]
      : []),
  ],
});
