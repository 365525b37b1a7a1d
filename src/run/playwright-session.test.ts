/**
 * The watch loop's Playwright session on a project of four tests of its own: a re-run goes to
 * the warm workers, a failing test retires its worker and the spare runs the rest, and a worker
 * that dies mid-run makes the session say why and run the tests as a plain Playwright run.
 * Driven in a process of its own: Playwright's runner does not run inside one of its workers.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from '../common/harness-root';

const CONFIG = `import { defineConfig } from '@playwright/test';
export default defineConfig({ projects: [{ name: 'conformance', testDir: '.', testMatch: '*.spec.ts', fullyParallel: true }] });
`;

// Each test is a check (the session reports only checks); two misbehave when their marker file exists.
const SPEC = `import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@playwright/test';
const asked = (what: string) => existsSync(join(process.env.SESSION_MARKERS!, what));
const check = { annotation: [{ type: 'check', description: 'APIROUTE-AUTH-01' }] };
test('first', check, () => {});
test('fails when asked', check, () => {
  if (asked('fail')) throw new Error('failed on purpose');
});
test('dies when asked', check, () => {
  if (asked('die')) process.exit(3);
});
test('last', check, () => {});
`;

const DRIVER = (session: string, config: string, markers: string) => `import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPlaywrightSession } from ${JSON.stringify(session)};
const markers = ${JSON.stringify(markers)};
const session = await openPlaywrightSession({ configFile: ${JSON.stringify(config)}, workers: 1 });
const outcomes = (results: { outcome: { case: string; outcome: string } }[]) => results.map((r) => r.outcome.case + ': ' + r.outcome.outcome).sort();
const all = await session.run();
const ids = all.map((r) => r.testId);
const report: Record<string, unknown> = { all: outcomes(all) };
writeFileSync(join(markers, 'fail'), '');
const logFailed: string[] = [];
report.failed = outcomes(await session.rerun(ids, (line) => logFailed.push(line)));
report.logFailed = logFailed;
rmSync(join(markers, 'fail'));
writeFileSync(join(markers, 'die'), '');
const logDied: string[] = [];
report.died = outcomes(await session.rerun(ids, (line) => logDied.push(line)));
report.logDied = logDied;
await session.stop();
console.log(JSON.stringify(report));
`;

test('re-runs go to warm workers; a failing test retires one and the spare runs the rest; a worker that dies falls back to a plain run', async ({}, testInfo) => {
  test.setTimeout(120_000);
  // Inside the harness's tree, so the project resolves @playwright/test from its node_modules.
  const dir = testInfo.outputPath('project');
  const markers = join(dir, 'markers');
  mkdirSync(markers, { recursive: true });
  writeFileSync(join(dir, 'playwright.config.ts'), CONFIG);
  writeFileSync(join(dir, 'checks.spec.ts'), SPEC);
  const driver = join(dir, 'driver.mts');
  writeFileSync(driver, DRIVER(pathToFileURL(join(HARNESS_ROOT, 'src/run/playwright-session.ts')).href, join(dir, 'playwright.config.ts'), markers));
  const env: NodeJS.ProcessEnv = { ...process.env, SESSION_MARKERS: markers };
  for (const name of Object.keys(env)) if (name.startsWith('TEST_') || name.startsWith('PW_') || name === 'PLAYWRIGHT_TEST') delete env[name];
  const run = spawnSync(process.execPath, ['--import', 'tsx', driver], { cwd: dir, env, encoding: 'utf8', timeout: 110_000 });
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, string[]>;

  expect(report.all).toEqual(['dies when asked: pass', 'fails when asked: pass', 'first: pass', 'last: pass']);
  // Every test ran again, the ones after the failure included, and no fallback was needed.
  expect(report.failed).toEqual(['dies when asked: pass', 'fails when asked: fail', 'first: pass', 'last: pass']);
  expect(report.logFailed).toEqual([]);
  // The dead worker is said, and a plain Playwright run judged every test.
  expect(report.logDied).toEqual([
    expect.stringMatching(/^Playwright's worker stopped in .*checks\.spec\.ts with \d+ checks not run: .*; running them as a whole Playwright run instead$/),
  ]);
  expect(report.died).toEqual(['dies when asked: fail', 'fails when asked: pass', 'first: pass', 'last: pass']);
});
