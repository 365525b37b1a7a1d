import { expect, test } from '@playwright/test';
import { loadApp } from '../app/load-app';
import { scopeMapping } from '../app/scope-mapping';
import { SAMPLE_APP } from '../../fixtures/apps';
import type { CheckId } from '../conformance/catalogue';
import { DEFAULT_PROFILE } from '../platform/profile';
import { certificateHtml, certificateMarkdown } from './certificate';
import { checkOutcome, type CheckOutcome, type Outcome } from './check-outcomes';
import { summarize } from './summary';

const outcome = (id: CheckId, route: string | undefined, result: Outcome, caseName = `${id} ${route ?? 'app'}`, message?: string): CheckOutcome =>
  checkOutcome(id, { case: caseName, route, outcome: result, message });

function certificateOf(checks: CheckOutcome[]) {
  const summary = summarize({
    version: 'test',
    runId: 'grid',
    startedAt: '2026-12-02T00:00:00.000Z',
    durationMs: 1,
    app: { name: 'grid', dir: '/grid', id: null, envId: null, manifestSha256: '0'.repeat(64) },
    target: 'embedded',
    forgePackages: [],
    variables: [],
    platformServices: [],
    partial: null,
    checks,
    coverage: ['get-employee', 'delete-employee'].map((route) => ({
      route,
      operation: 'GET',
      path: '/x',
      reached2xx: true,
      statuses: {},
      checks: {},
      egress: {},
    })),
    waivers: [],
    lint: { errors: 0, warnings: 0, infos: 0, findings: [] },
    egress: { methodCoverage: {}, requests: 0, refused: 0 },
    runsOnAtlassian: { eligible: true, reasons: [], judgedFrom: [], notJudged: [] },
    screenshots: { taken: [], missing: 'not taken in this test' },
    profile: DEFAULT_PROFILE,
  });
  return certificateHtml(summary, certificateMarkdown(summary, scopeMapping(loadApp(SAMPLE_APP))));
}

test('the certificate opens with a route × check grid: a cell per route and check, the worst case colouring it, every case in its tooltip', () => {
  const page = certificateOf([
    outcome('APIROUTE-AUTH-01', 'get-employee', 'pass'),
    outcome('APIROUTE-AUTH-01', 'delete-employee', 'pass'),
    outcome('APIROUTE-SCOPE-01', 'get-employee', 'pass', 'APIROUTE-SCOPE-01 GET /employees/* without read:employee:custom'),
    outcome('APIROUTE-SCOPE-01', 'get-employee', 'fail', 'APIROUTE-SCOPE-01 GET /employees/* without read:payroll:custom', 'status 200, not 401'),
    outcome('SCENARIO-01', undefined, 'no-evidence', 'SCENARIO-01 onboarding', 'the handler answered 500'),
  ]);
  const grid = /<figure><svg[\s\S]*?<\/svg>/.exec(page)![0];
  // After the verdict, before any table.
  expect(page.indexOf('<figure><svg')).toBeGreaterThan(page.indexOf('Verdict'));
  expect(page.indexOf('<figure><svg')).toBeLessThan(page.indexOf('<table>'));
  // Two routes and the app's own row, by three checks.
  expect(grid.match(/<rect x="\d+" y="\d+" width="16"/g)).toHaveLength(9);
  const cells = [...grid.matchAll(/data-outcome="([a-z-]+)"><title>([^<]*)<\/title>/g)].map(([, result, tip]) => ({ result, tip }));
  expect(cells).toContainEqual({
    result: 'fail',
    tip: 'APIROUTE-SCOPE-01 GET /employees/* without read:employee:custom: passed\nAPIROUTE-SCOPE-01 GET /employees/* without read:payroll:custom: failed (status 200, not 401)',
  });
  expect(cells).toContainEqual({ result: 'no-evidence', tip: 'SCENARIO-01 onboarding: skipped for evidence (the handler answered 500)' });
  expect(cells.filter((c) => c.result === 'pass')).toHaveLength(2);
  expect(grid).toContain('APIROUTE-SCOPE-01 does not apply to delete-employee');
  expect(grid).toContain('failed (1)');
});

test('the certificate loads nothing and needs no emoji font', () => {
  const page = certificateOf([outcome('APIROUTE-AUTH-01', 'get-employee', 'fail'), outcome('APIROUTE-AUTH-02', 'get-employee', 'warn')]);
  expect(page).not.toMatch(/\s(src|href)="(?!#)/);
  expect(page).not.toMatch(/url\(|@import/);
  expect(page).not.toMatch(/\p{Emoji_Presentation}|\uFE0F/u);
});
