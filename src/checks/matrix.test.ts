import { expect, test } from '@playwright/test';
import { SAMPLE_APP } from '../../fixtures/apps';
import { loadConformanceFile } from '../app/conformance-file';
import { loadApp } from '../app/load-app';
import { CHECKS } from './catalogue';
import { generateCases } from './matrix';

const app = loadApp(SAMPLE_APP);
const cases = generateCases(app, loadConformanceFile(SAMPLE_APP));
const titles = cases.map((c) => c.title);

test('every route gets its consented call and each negative', () => {
  for (const route of app.apiRoutes) {
    const subject = `${route.operation} ${route.routePath}`;
    for (const id of ['APIROUTE-CONSENT-01', 'APIROUTE-ADMIN-01', 'APIROUTE-SCOPE-02', 'APIROUTE-AUTH-01', 'APIROUTE-AUTH-02', 'APIROUTE-AUTH-03', 'APIROUTE-CONTENT-01', 'APIROUTE-CONTENT-02', 'APIROUTE-IDENTITY-01', 'EGRESS-ALLOWLIST-01', 'EGRESS-TOKEN-01']) {
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

test('made-up paths fill wildcards; conformance.yaml examples replace them', () => {
  const consented = (key: string) => cases.find((c) => c.checkId === 'APIROUTE-CONSENT-01' && c.route?.key === key)!;
  expect(consented('get-employee').path).toBe('/employees/conformance-probe');
  expect(consented('get-payroll').path).toBe('/payroll/employees/2/payslips?period=2026-10');
  expect(consented('create-employee').body).toBe('{}');
  expect(consented('list-employees').body).toBeUndefined();
});

test('one case per scenario of conformance.yaml', () => {
  expect(cases.filter((c) => c.checkId === 'SCENARIO-01').map((c) => c.scenario!.name)).toContain('hire, rename and let go of an employee');
});
