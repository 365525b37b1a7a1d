import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, APPS_DIR, brokenApps, MINIMAL_APP, SAMPLE_APP, SAMPLE_UPSTREAMS } from '../../fixtures/apps';
import { forgeConformance, forgeConformanceAsync } from '../../fixtures/cli-run';
import { NO_BROWSER, NO_MARIADB, withoutBrowser, withoutMariaDb } from '../../fixtures/machine';
import type { TrafficEntry } from '../platform/proxy/traffic-log';
import type { RunSummary } from '../report/summary';
import { runConformance } from './conformance-run';
import { HARNESS_ROOT } from '../common/harness-root';

/**
 * `forge-conformance run` as a user runs it, into this test's own output folder. An app with
 * stubs of its own (`upstreams/`) is run with them, by default; the others borrow the sample's.
 */
function run(appDir: string, ...extra: string[]) {
  const stubs = existsSync(join(appDir, 'upstreams')) ? [] : ['--upstreams', SAMPLE_UPSTREAMS];
  return forgeConformance('run', appDir, ...stubs, '--out', test.info().outputPath('reports'), ...extra);
}

test.describe.configure({ timeout: 300_000 });

test("the verdict is known before the run folder's files are written, and the run ends once Playwright has written its HTML report", async () => {
  const seen: { verdict: string; filesWritten: string[] }[] = [];
  const reports = ['summary.json', 'certificate.md', 'certificate.html'];
  const result = await runConformance({
    appDir: MINIMAL_APP,
    upstreams: [SAMPLE_UPSTREAMS],
    reportsDir: test.info().outputPath('reports'),
    version: 'test',
    log: () => {},
    onVerdict: ({ summary, runDir }) => seen.push({ verdict: summary.verdict, filesWritten: reports.filter((file) => existsSync(join(runDir, file))) }),
  });
  // Once, with the verdict the run returns, and before any of the files made from it.
  expect(seen).toEqual([{ verdict: result.summary.verdict, filesWritten: [] }]);
  expect(result.summary.verdict).toBe('conformant');
  for (const file of [...reports, 'results.json', 'junit.xml', 'html/index.html']) expect(existsSync(join(result.runDir, file)), file).toBe(true);
});

test('the timesheets sample, an app with state and background work, is conformant: its given states, captures and retried step hold, its queue is judged', async () => {
  const { code, summary, runDir, output } = run(join(APPS_DIR, 'timesheets'));
  expect(code, output.slice(-2000)).toBe(0);
  expect(summary!.counts).toMatchObject({ fail: 0, warn: 0, 'no-evidence': 0 });
  // get-timesheet's checks reached the record its given state made (a 2xx, found by its captured id).
  expect(summary!.coverage.find((c) => c.route === 'get-timesheet')!.reached2xx).toBe(true);
  const report = summary!.checks.find((c) => c.case === 'SCENARIO-01 a weekly report is computed in the background')!;
  expect(report).toMatchObject({
    outcome: 'pass',
    message: expect.stringMatching(/^step 4 \(GET \/reports\/\{\{reportId\}\}\): held after \d+ of at most 40 attempts$/),
  });
  expect(summary!.checks.filter((c) => c.id === 'EVENTS-CONSUMER-01')).toEqual([expect.objectContaining({ outcome: 'pass' })]);
  expect(summary!.checks.filter((c) => c.id === 'APIROUTE-SECRET-01' && c.outcome === 'pass')).toHaveLength(6);
  expect(existsSync(join(runDir!, 'events.json'))).toBe(true);
});

test('the ledger sample, an app that keeps its data in Forge SQL, is conformant: its migrations, prepared statements and AUTO_INCREMENT ids work on a database per installation', async () => {
  test.skip(withoutMariaDb(), process.env[NO_MARIADB]);
  const { code, summary, runDir, output } = run(join(APPS_DIR, 'ledger'));
  expect(code, output.slice(-2000)).toBe(0);
  expect(summary!.counts).toMatchObject({ fail: 0, warn: 0, 'no-evidence': 0 });
  expect(summary!.checks.filter((c) => c.id === 'SQL-STATEMENT-01')).toEqual([expect.objectContaining({ outcome: 'pass' })]);
  expect(summary!.platformServices).toEqual([expect.objectContaining({ service: 'sql', apis: ['ddl', 'execute'], refused: 0 })]);
  const statements = JSON.parse(readFileSync(join(runDir!, 'sql.json'), 'utf8')) as { statement: string; params: number; installationId: string }[];
  expect(statements.some((s) => s.statement.startsWith('INSERT INTO entries') && s.params === 3)).toBe(true);
  // Every case ran on an installation of its own: several databases were used, none of them shared by the other site's call.
  expect(new Set(statements.map((s) => s.installationId)).size).toBeGreaterThan(3);
});

test('the sample app is conformant: every check passes, and the run folder has every report', async () => {
  const { code, summary, runDir, output } = run(SAMPLE_APP);
  expect(code, output.slice(-2000)).toBe(0);
  expect(summary!.verdict).toBe('conformant');
  expect(summary!.counts).toMatchObject({ fail: 0, warn: 0, skipped: 0, waived: 0, 'no-evidence': 0 });
  expect(summary!.counts.pass).toBeGreaterThan(100);
  expect(summary!.partial).toBeNull();
  expect(summary!.forgePackages).toEqual([expect.objectContaining({ name: '@forge/api', source: 'harness' })]);
  expect(summary!.coverage.filter((c) => !c.reached2xx)).toEqual([]);
  expect(summary!.coverage.find((c) => c.route === 'get-payroll')!.egress['api.payroll.example.com']).toContain('GET');
  for (const file of ['summary.json', 'certificate.md', 'certificate.html', 'junit.xml', 'html/index.html', 'traffic.json', 'scope-mapping.md']) {
    expect(existsSync(join(runDir!, file)), file).toBe(true);
  }
  expect(summary!.egress.methodCoverage['api.payroll.example.com']).toEqual(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
  const junit = readFileSync(join(runDir!, 'junit.xml'), 'utf8');
  expect(junit).toContain('<property name="check" value="APIROUTE-SCOPE-02">');
  expect(junit).toContain('<property name="clause" value="§3">');
  // The consumers' contracts are cases like any other: in JUnit, one per interaction of the pact the sample keeps.
  expect(junit.match(/<testcase name="CONTRACT-PACT-01 hr-portal: [^"]+"/g)).toHaveLength(9);
  expect(summary!.checks.filter((c) => c.id === 'CONTRACT-PACT-01' && c.outcome === 'pass')).toHaveLength(9);
  const certificate = readFileSync(join(runDir!, 'certificate.md'), 'utf8');
  expect(certificate).toContain(summary!.app.manifestSha256);
  expect(certificate).toMatch(/## Route coverage[\s\S]*`get-payroll` GET \/payroll\/\*\* \| ✔ yes/);
  // The payroll provider is no analytics address, by the manifest and by where the run's egress went; the analytics service is.
  expect(summary!.runsOnAtlassian.eligible).toBe(false);
  expect(summary!.runsOnAtlassian.reasons).toEqual([
    'backend egress to api.payroll.example.com is not an analytics entry (category: analytics, inScopeEUD: false)',
    expect.stringMatching(/^the run sent \d+ requests to api\.payroll\.example\.com, which no analytics entry allows$/),
  ]);
  expect(certificate).toContain('## Runs on Atlassian\n\n**Not eligible**:\n- backend egress to api.payroll.example.com');
  // A run spares Chromium's start; the certificate says who takes the screenshots.
  expect(summary!.screenshots.missing).toBe('not taken by `run`: `certify` and `nightly` take them (Chromium costs a run about 3 s)');
});

test('identical runs give identical outcomes: the sample three times with 8 workers on this machine, every stubbed request answered by its stub', async () => {
  const signature = (runDir: string) => {
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary;
    const traffic = JSON.parse(readFileSync(join(runDir, 'traffic.json'), 'utf8')) as TrafficEntry[];
    return {
      verdict: summary.verdict,
      checks: summary.checks.map((c) => `${c.case}: ${c.outcome}`).sort(),
      // What each route sent where, and what became of it (paths may carry a run's own ids).
      traffic: traffic.map((t) => `${t.routeKey} ${t.method} ${t.host} ${t.decision} ${t.error ?? ''} ${t.status}`).sort(),
    };
  };
  const runs = [1, 2, 3].map((n) => {
    const result = forgeConformance('run', SAMPLE_APP, '--workers', '8', '--out', test.info().outputPath(`run-${n}`));
    expect(result.code, result.output.slice(-1500)).toBe(0);
    return signature(result.runDir!);
  });
  expect(runs[0]!.verdict).toBe('conformant');
  expect(runs[0]!.traffic.length).toBeGreaterThan(20);
  expect(runs[0]!.traffic.filter((t) => / (UPSTREAM_ERROR|NO_STUB)/.test(t))).toEqual([]);
  expect(runs[1]).toEqual(runs[0]);
  expect(runs[2]).toEqual(runs[0]);
});

test('without Chromium the certificate says why it has no screenshots, and the run is otherwise the same', async () => {
  const run = await forgeConformanceAsync({ CHROMIUM_PATH: '/nowhere/chromium' }, 'certify', MINIMAL_APP, '--out', test.info().outputPath('reports'));
  expect(run.code, run.output.slice(-1500)).toBe(0);
  expect(run.summary!.verdict).toBe('conformant');
  expect(run.summary!.screenshots).toEqual({
    taken: [],
    missing: 'not taken: no Chromium at /nowhere/chromium (apt-get install chromium, or set CHROMIUM_PATH)',
  });
  expect(readFileSync(join(run.runDir!, 'certificate.md'), 'utf8')).toContain('Screenshots: not taken: no Chromium at /nowhere/chromium');
});

test('a second app written differently (Confluence, JavaScript, `*` mid-path, `**`, one function for several routes) is conformant too', async () => {
  const { code, summary, output } = run(join(APPS_DIR, 'team-calendar'));
  expect(code, output.slice(-2000)).toBe(0);
  expect(summary!.counts).toMatchObject({ fail: 0, warn: 0, skipped: 0 });
  expect(summary!.lint.findings).toEqual([]);
  expect(summary!.egress.methodCoverage['confluence.product.invalid']).toEqual(['GET']);
  // It reaches only its own product: no egress of its own, so nothing stands in the way of Runs on Atlassian.
  expect(summary!.runsOnAtlassian).toMatchObject({ eligible: true, reasons: [] });
});

test('a warning-severity check that fails is a warning, not a failure', async () => {
  const dir = appVariant(MINIMAL_APP, test.info().outputPath('unstubbed'), {
    'manifest.yml': (t) => `${t}permissions:\n  external:\n    fetch:\n      backend:\n        - api.payroll.example.com\n`,
    'src/index.ts':
      "export const getGreeting = async () => {\n  const response = await fetch('https://api.payroll.example.com/v1/not-stubbed');\n  return { statusCode: 200, body: JSON.stringify({ upstream: response.status }) };\n};\n",
  });
  const { code, summary } = run(dir, '--grep', 'EGRESS-STUB-01');
  expect(code).toBe(0);
  expect(summary!.verdict).toBe('partial');
  expect(summary!.checks.find((c) => c.id === 'EGRESS-STUB-01')).toMatchObject({
    outcome: 'warn',
    message: expect.stringContaining('no stub for GET https://api.payroll.example.com/v1/not-stubbed'),
  });
});

test('a run restricted with --grep is partial, and says so on every report: it is no verdict on the app', async () => {
  const { code, summary, runDir, output } = run(SAMPLE_APP, '--grep', 'SCENARIO');
  expect(code, output.slice(-1000)).toBe(0);
  expect(summary).toMatchObject({ verdict: 'partial', partial: '--grep SCENARIO', counts: { fail: 0 } });
  expect(
    summary!.checks.some((c) => c.id === 'APIROUTE-COVERAGE-01'),
    'a partial run cannot judge coverage',
  ).toBe(false);
  expect(readFileSync(join(runDir!, 'certificate.md'), 'utf8')).toMatch(/Verdict: partial[\s\S]*\*\*Partial run\*\* \(--grep SCENARIO\)/);
  expect(output).toMatch(/a partial run \(--grep SCENARIO\) found no failure, but it is no verdict on the app/);
});

test('certify issues no bundle for a partial run: exit 1, one sentence', async () => {
  const out = test.info().outputPath('certify-partial');
  const result = spawnSync(
    process.execPath,
    [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'certify', MINIMAL_APP, '--out', out, '--grep', 'APIROUTE-CONSENT'],
    {
      cwd: HARNESS_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(result.status, result.stdout + result.stderr).toBe(1);
  expect(result.stderr.trim().split('\n').at(-1)).toBe(
    'no certification bundle: the run was partial (--grep APIROUTE-CONSENT); certify the whole app, without --grep',
  );
  expect(result.stdout).not.toMatch(/Certification bundle:/);
});

/** `certify` of the minimal app into this test's folder: the archive's listing and the run folder. */
async function certifyMinimal() {
  const out = test.info().outputPath('certify');
  const result = spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'certify', MINIMAL_APP, '--out', out], {
    cwd: HARNESS_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const archive = /^Certification bundle: (.+\.tar\.gz)$/m.exec(result.stdout)![1]!;
  const listing = spawnSync('tar', ['-tzf', join(HARNESS_ROOT, archive)], { encoding: 'utf8' }).stdout;
  for (const file of ['summary.json', 'certificate.md', 'certificate.html', 'junit.xml'])
    expect(listing).toMatch(new RegExp(`/${file.replace('.', '\\.')}$`, 'm'));
  const runDir = join(HARNESS_ROOT, archive.replace(/\.tar\.gz$/, ''));
  return { listing, runDir };
}

test('certify writes the run folder and one archive of it', async () => {
  await certifyMinimal();
});

test('certify takes screenshots in Chromium and carries them in the archive and in the HTML certificate', async () => {
  test.skip(withoutBrowser(), process.env[NO_BROWSER]);
  const { listing, runDir } = await certifyMinimal();
  for (const file of ['screenshots/consent.png', 'screenshots/connected-apps.png']) expect(listing).toMatch(new RegExp(`/${file.replace('.', '\\.')}$`, 'm'));
  // The app as users meet it, taken in Chromium while the checks ran, and carried by the HTML page itself.
  expect((JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary).screenshots).toEqual({ taken: ['consent.png', 'connected-apps.png'] });
  expect(readFileSync(join(runDir, 'certificate.html'), 'utf8').match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
});

test.describe('waivers', () => {
  test('a waived failure is accepted with its reason', async () => {
    const dir = appVariant(join(APPS_DIR, 'broken-handler-throws'), test.info().outputPath('waived'), {
      'conformance.waivers.yaml':
        'version: 1\nwaivers:\n  - check: APIROUTE-CONSENT-01\n    reason: The greeting store is being migrated; tracked in GREET-42.\n',
    });
    const { code, summary } = run(dir);
    expect(code).toBe(0);
    expect(summary!.checks.filter((c) => c.outcome === 'waived')).toEqual([
      expect.objectContaining({ id: 'APIROUTE-CONSENT-01', waiver: 'The greeting store is being migrated; tracked in GREET-42.' }),
    ]);
    // A waived failure is no evidence: what needed the handler's result still has none.
    expect(summary!.verdict).toBe('incomplete');
    expect(summary!.missingEvidence.map((m) => m.split(':')[0])).toEqual(
      expect.arrayContaining(['APIROUTE-IDENTITY-01 GET /greetings/*', 'APIROUTE-COVERAGE-01 GET /greetings/*']),
    );
  });

  test('a waived check that passes fails the run, so waivers never go stale', async () => {
    const dir = appVariant(MINIMAL_APP, test.info().outputPath('stale'), {
      'conformance.waivers.yaml':
        'version: 1\nwaivers:\n  - check: APIROUTE-AUTH-01\n    route: get-greeting\n    reason: Copied from another app by mistake.\n',
    });
    const { code, summary } = run(dir, '--grep', 'APIROUTE-AUTH');
    expect(code).toBe(1);
    expect(summary!.failedCheckIds).toEqual(['APIROUTE-AUTH-01']);
    expect(summary!.checks.find((c) => c.id === 'APIROUTE-AUTH-01')!.message).toMatch(/remove the waiver/);
  });

  test('a waiver of a check that does not exist stops the run before it starts', async () => {
    const dir = appVariant(MINIMAL_APP, test.info().outputPath('unknown'), {
      'conformance.waivers.yaml': 'version: 1\nwaivers:\n  - check: APIROUTE-MAGIC-99\n    reason: There is no such check at all.\n',
    });
    const { code, output } = run(dir);
    expect(code).toBe(2);
    expect(output).toMatch(/conformance.waivers.yaml:3: there is no check APIROUTE-MAGIC-99/);
  });
});

test('a misspelled assertion in conformance.yaml stops the run before it starts, rather than asserting less', () => {
  const dir = appVariant(MINIMAL_APP, test.info().outputPath('misspelled'), {
    'conformance.yaml':
      'version: 1\nscenarios:\n  - name: hello\n    request: { method: GET, path: /greetings/1 }\n    expect: { status: 200, bodyEqual: { text: nothing like it } }\n    retries: 2\n',
  });
  const { code, output } = run(dir);
  expect(code).toBe(2);
  expect(output).toMatch(
    /conformance\.yaml:5: scenarios\.0\.expect\.bodyEqual is not a field of scenarios\.0\.expect: did you mean `bodyEquals`\? \(and 1 more: run lint to see each\)/,
  );
});

test.describe('every broken-* app gets exactly its expected outcomes: the checks that fail, those skipped for evidence, the verdict', () => {
  const ids = (summary: RunSummary, outcome: string) => [...new Set(summary.checks.filter((c) => c.outcome === outcome).map((c) => c.id))].sort();
  for (const app of brokenApps()) {
    test(app.name, async () => {
      test.skip(app.needs.includes('mariadb') && withoutMariaDb(), process.env[NO_MARIADB]);
      expect(
        app.lint.length + app.checks.length + app.noEvidence.length + app.contracts.length,
        `${app.name}/defect.yaml lists what must be found`,
      ).toBeGreaterThan(0);
      const { code, summary, output } = run(app.dir);
      expect(summary, output.slice(-2000)).toBeDefined();
      expect(summary!.failedCheckIds, `${app.defect}\n${output.slice(-1500)}`).toEqual([...app.checks].sort());
      expect(ids(summary!, 'no-evidence'), 'skipped for evidence').toEqual([...app.noEvidence].sort());
      if (app.warnings) expect(ids(summary!, 'warn'), 'warnings').toEqual([...app.warnings].sort());
      expect(summary!.verdict).toBe(app.verdict);
      expect(code).toBe(app.verdict === 'not-conformant' ? 1 : 0);
    });
  }

  test('broken-egress-behind-validation with an example request that reaches its success path: the run sees its undeclared egress', async () => {
    const dir = appVariant(join(APPS_DIR, 'broken-egress-behind-validation'), test.info().outputPath('with-example'), {
      'conformance.yaml': 'version: 1\nexamples:\n  create-greeting:\n    path: /greetings\n    body: { text: Hello }\n',
    });
    const { code, summary } = run(dir);
    // The refused fetch throws in the handler, as it would on Forge: the call fails too.
    expect(summary!.failedCheckIds).toEqual(['APIROUTE-CONSENT-01', 'EGRESS-ALLOWLIST-01']);
    expect(summary!.checks.find((c) => c.id === 'EGRESS-ALLOWLIST-01')!.message).toMatch(/requests to domains the manifest does not declare/);
    expect(code).toBe(1);
  });
});

test('a directory that is not a Forge app cannot run: one sentence, exit 2', async () => {
  const { code, output } = run(join(APPS_DIR, 'foreign-cloud-foundry'));
  expect(code).toBe(2);
  expect(output.trim().split('\n')).toEqual([expect.stringContaining('is not a Forge manifest')]);
});
