import { expect, test } from '@playwright/test';
import { SAMPLE_APP } from '../../fixtures/apps';
import { loadConformanceFile } from '../app/conformance-file';
import { loadApp } from '../app/load-app';
import { CHECKS } from './catalogue';
import { generateCases } from './matrix';
import { HARNESS_NAMES } from '../pact/harness-names';

const app = loadApp(SAMPLE_APP);
const cases = generateCases(app, loadConformanceFile(SAMPLE_APP, HARNESS_NAMES.platformStates));
const titles = cases.map((c) => c.title);

test('every route gets its consented call and each negative', () => {
  for (const route of app.apiRoutes) {
    const subject = `${route.operation} ${route.routePath}`;
    for (const id of [
      'APIROUTE-CONSENT-01',
      'APIROUTE-ADMIN-01',
      'APIROUTE-SCOPE-02',
      'APIROUTE-AUTH-01',
      'APIROUTE-AUTH-02',
      'APIROUTE-AUTH-03',
      'APIROUTE-CONTENT-01',
      'APIROUTE-CONTENT-02',
      'APIROUTE-IDENTITY-01',
      'EGRESS-ALLOWLIST-01',
      'EGRESS-TOKEN-01',
    ]) {
      expect(titles).toContain(`${id} ${subject}`);
    }
    for (const scope of route.scopes) expect(titles).toContain(`APIROUTE-SCOPE-01 ${subject} without ${scope}`);
  }
});

test('titles are unique, ids are catalogued, each case is in its check’s suite', () => {
  expect(new Set(titles).size).toBe(titles.length);
  for (const c of cases) expect(CHECKS[c.checkId].suite).toBe(c.suite);
});

test('undeclared operations are found per path, and skipped where every operation is declared', () => {
  const byTitle = Object.fromEntries(cases.filter((c) => c.checkId === 'APIROUTE-ROUTE-01').map((c) => [c.title, c]));
  expect(byTitle['APIROUTE-ROUTE-01 PUT /employees']).toMatchObject({ undeclaredOperation: 'PUT', allowed: ['GET', 'POST'] });
  expect(byTitle['APIROUTE-ROUTE-01 POST /employees/*']).toMatchObject({ allowed: ['GET', 'PUT', 'DELETE', 'PATCH'] });
  expect(byTitle['APIROUTE-ROUTE-01 POST /payroll/**']).toMatchObject({ path: '/payroll/employees/2/payslips?period=2026-10' });
});

test('made-up paths fill wildcards; conformance.yaml examples replace them, with their body, headers and user', () => {
  const consented = (key: string, from = cases) => from.find((c) => c.checkId === 'APIROUTE-CONSENT-01' && c.route?.key === key)!;
  const withoutExamples = generateCases(app, { examples: {}, scenarios: [], egress: {}, states: {} });
  expect(consented('get-employee', withoutExamples).path).toBe('/employees/conformance-probe');
  expect(consented('create-employee', withoutExamples).body).toBe('{}');
  expect(consented('get-employee').path).toBe('/employees/1');
  expect(consented('get-payroll').path).toBe('/payroll/employees/2/payslips?period=2026-10');
  expect(JSON.parse(consented('create-employee').body!)).toMatchObject({ name: 'Mary Jackson' });
  expect(consented('get-current-employee')).toMatchObject({ path: '/employees/me', user: '5b10ac8d82e05b22cc7d4ef5' });
  expect(consented('list-employees').body).toBeUndefined();
  const withHeaders = generateCases(app, {
    examples: { 'list-employees': { path: '/employees', headers: { 'x-tenant-hint': 'a' } } },
    scenarios: [],
    egress: {},
    states: {},
  });
  expect(consented('list-employees', withHeaders).headers).toEqual({ 'x-tenant-hint': 'a' });
});

test('one case per scenario of conformance.yaml', () => {
  expect(cases.filter((c) => c.checkId === 'SCENARIO-01').map((c) => c.scenario!.name)).toContain('hire, rename and let go of an employee');
});
