import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, MINIMAL_APP } from '../../fixtures/apps';
import { forgeConformance } from '../../fixtures/cli-run';
import type { Digest } from './digest';

test.describe.configure({ timeout: 300_000 });

const BROKEN = "export const getGreeting = async () => {\n  throw new Error('broken on purpose');\n};\n";

test('the nightly names exactly the new failure after the app breaks, then the fix, and keeps the history', async ({}, testInfo) => {
  const app = appVariant(MINIMAL_APP, testInfo.outputPath('app'), {});
  const handler = join(app, 'src/index.ts');
  const working = readFileSync(handler, 'utf8');
  const config = testInfo.outputPath('nightly.yaml');
  writeFileSync(config, 'version: 1\napps:\n  - path: app\nhistory: history\nout: nightly\nretries: 0\n');
  const night = () => {
    const run = forgeConformance('nightly', '--config', config);
    return { ...run, digest: JSON.parse(readFileSync(testInfo.outputPath('nightly/digest.json'), 'utf8')) as Digest };
  };

  const first = night();
  expect(first.code, first.output.slice(-1500)).toBe(0);
  // Allure Report 3 keeps the trends: results labelled with the check, clause, route and severity, and a report without Allure's analytics tag.
  const resultsDir = testInfo.outputPath('nightly/allure-results/app-embedded');
  const results = readdirSync(resultsDir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as { name: string; labels: { name: string; value: string }[] });
  const scope = results.find((r) => r.name === 'APIROUTE-SCOPE-02 GET /greetings/*')!;
  expect(scope.labels).toEqual(
    expect.arrayContaining([
      { name: 'check', value: 'APIROUTE-SCOPE-02' },
      { name: 'clause', value: '§3' },
      { name: 'route', value: 'get-greeting' },
      { name: 'severity', value: 'critical' },
    ]),
  );
  expect(readFileSync(testInfo.outputPath('nightly/allure/app-embedded/index.html'), 'utf8')).not.toContain('googletagmanager');
  expect(first.digest.entries).toEqual([
    expect.objectContaining({ app: 'app', target: 'embedded', verdict: 'conformant', previousVerdict: null, newFailures: [] }),
  ]);

  writeFileSync(handler, BROKEN);
  const second = night();
  expect(second.code, second.output.slice(-1500)).toBe(1);
  const [entry] = second.digest.entries;
  // Exactly the check the broken handler fails: the consented call no longer returns.
  expect(entry!.newFailures).toEqual(['APIROUTE-CONSENT-01 GET /greetings/*']);
  expect(entry).toMatchObject({ verdict: 'not-conformant', previousVerdict: 'conformant', fixed: [], newChecks: [], removedChecks: [] });
  expect(second.output).toContain('new failure: APIROUTE-CONSENT-01 GET /greetings/*');
  expect(readFileSync(testInfo.outputPath('nightly/digest.md'), 'utf8')).toContain('**New failures** (1):\n\n- APIROUTE-CONSENT-01 GET /greetings/*');

  writeFileSync(handler, working);
  const third = night();
  expect(third.code, third.output.slice(-1500)).toBe(0);
  expect(third.digest.entries[0]).toMatchObject({ newFailures: [], fixed: ['APIROUTE-CONSENT-01 GET /greetings/*'], previousVerdict: 'not-conformant' });
  // Three nights kept, shown as a strip of three cells, oldest first; Allure kept its own history beside ours.
  expect(readFileSync(testInfo.outputPath('history/app-embedded/allure-history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  expect(third.digest.entries[0]!.nights.map((n) => n.verdict)).toEqual(['conformant', 'not-conformant', 'conformant']);
  const page = readFileSync(testInfo.outputPath('nightly/digest.html'), 'utf8');
  expect(page.match(/<rect /g)).toHaveLength(3);
  expect(page).not.toMatch(/\s(src|href)="(https?:)?\/\/|url\(/);
  expect(page).toContain('<a href="allure/app-embedded/index.html">');
});

test('a broken nightly.yaml is one sentence at its line; an app that cannot run is named in the digest, exit 2', async ({}, testInfo) => {
  const config = testInfo.outputPath('nightly.yaml');
  writeFileSync(config, 'version: 1\napps:\n  - path: nowhere\n');
  const missing = forgeConformance('nightly', '--config', config);
  expect(missing.code).toBe(2);
  expect(missing.stderr.trim()).toMatch(/^forge-conformance nightly: nightly\.yaml:3: apps\.0\.path names .*nowhere, which does not exist\.$/);
  // The deployment's profile is missing: that run cannot run, the digest says so.
  appVariant(MINIMAL_APP, testInfo.outputPath('app'), {});
  writeFileSync(config, 'version: 1\napps:\n  - path: app\n    targets: [remote]\n    remote: remote.yaml\nout: nightly\nhistory: history\n');
  const cannot = forgeConformance('nightly', '--config', config);
  expect(cannot.code, cannot.output.slice(-1500)).toBe(2);
  expect(cannot.output).toMatch(/✖ app \(remote\) could not run: .*remote\.yaml: does not exist/);
  const digest = JSON.parse(readFileSync(testInfo.outputPath('nightly/digest.json'), 'utf8')) as Digest;
  expect(digest).toMatchObject({ regressions: 0, entries: [], couldNotRun: [{ app: 'app', target: 'remote' }] });
});
