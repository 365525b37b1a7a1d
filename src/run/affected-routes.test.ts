import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, SAMPLE_APP } from '../../fixtures/apps';
import { loadApp } from '../app/load-app';
import { affectedRoutes, routeSources } from './affected-routes';

const EMPLOYEE_ROUTES = ['list-employees', 'get-current-employee', 'get-employee', 'create-employee', 'replace-employee', 'update-employee', 'delete-employee'];

test('an edit re-runs the routes whose handlers load the file, through re-exports and shared modules, and no other', async () => {
  const app = loadApp(SAMPLE_APP);
  const sources = await routeSources(app);
  const file = (name: string) => join(app.dir, 'src', name);
  expect(affectedRoutes(sources, [file('payroll.ts')])).toEqual(['get-payroll', 'sync-payroll']);
  // index.ts only re-exports employees.ts: its routes are the ones that load it.
  expect(affectedRoutes(sources, [file('employees.ts')])).toEqual(EMPLOYEE_ROUTES);
  // http.ts is shared by the employee and payroll handlers, not by headcount's.
  expect(affectedRoutes(sources, [file('http.ts')])).toEqual([...EMPLOYEE_ROUTES, 'get-payroll', 'sync-payroll']);
  expect(affectedRoutes(sources, [join(app.dir, 'services/payroll-sync/server.js')])).toEqual([]);
});

test('a route whose handler does not load depends on every file: any edit may be the fix', async ({}, testInfo) => {
  const dir = appVariant(SAMPLE_APP, testInfo.outputPath('app'), { 'src/payroll.ts': (text) => `${text}\nthis is not TypeScript {{\n` });
  const sources = await routeSources(loadApp(dir));
  // headcount.ts belongs to a scheduled trigger, not to any route: only the broken routes re-run.
  expect(affectedRoutes(sources, [join(dir, 'src/headcount.ts')])).toEqual(['get-payroll', 'sync-payroll']);
  expect(affectedRoutes(sources, [join(dir, 'src/employees.ts')])).toEqual([...EMPLOYEE_ROUTES, 'get-payroll', 'sync-payroll']);
});
