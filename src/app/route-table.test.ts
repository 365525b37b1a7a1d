import { expect, test } from '@playwright/test';
import type { Operation } from './forge-app';
import { RouteTable } from './route-table';

const route = (operation: Operation, routePath: string) => ({ operation, routePath, key: `${operation} ${routePath}` });
const matchedKey = (table: RouteTable<ReturnType<typeof route>>, operation: string, path: string) => {
  const result = table.match(operation, path);
  return result.kind === 'matched' ? result.route.key : result.kind;
};

test.describe('the documented examples (facts.md §3)', () => {
  const table = new RouteTable([route('GET', '/getEmployeeName/*'), route('GET', '/getEmployeeDetails/**')]);

  test('`*` matches exactly one segment', () => {
    expect(table.match('GET', '/getEmployeeName/1234')).toEqual({ kind: 'matched', route: route('GET', '/getEmployeeName/*'), wildcards: ['1234'] });
    expect(matchedKey(table, 'GET', '/getEmployeeName/new/1234')).toBe('not-found');
    expect(matchedKey(table, 'GET', '/getEmployeeName')).toBe('not-found');
  });

  test('a final `/**` matches one or more trailing segments', () => {
    expect(table.match('GET', '/getEmployeeDetails/new/1234')).toMatchObject({ kind: 'matched', wildcards: ['new/1234'] });
    expect(matchedKey(table, 'GET', '/getEmployeeDetails/1234')).toBe('GET /getEmployeeDetails/**');
    expect(matchedKey(table, 'GET', '/getEmployeeDetails')).toBe('not-found');
  });

  test('query strings pass through and do not take part in matching', () => {
    expect(matchedKey(table, 'GET', '/getEmployeeName/1234?expand=manager#top')).toBe('GET /getEmployeeName/*');
  });
});

test.describe('precedence and case (facts.md §7)', () => {
  const table = new RouteTable([
    route('GET', '/employees/**'),
    route('GET', '/employees/*'),
    route('GET', '/employees/me'),
    route('GET', '/employees/*/manager'),
    route('GET', '/employees/me/**'),
  ]);

  test('a literal segment beats `*`, and `*` beats `**`', () => {
    expect(matchedKey(table, 'GET', '/employees/me')).toBe('GET /employees/me');
    expect(matchedKey(table, 'GET', '/employees/42')).toBe('GET /employees/*');
    expect(matchedKey(table, 'GET', '/employees/42/manager')).toBe('GET /employees/*/manager');
    expect(matchedKey(table, 'GET', '/employees/42/reports')).toBe('GET /employees/**');
  });

  test('precedence is decided at the first segment that differs', () => {
    expect(matchedKey(table, 'GET', '/employees/me/manager')).toBe('GET /employees/me/**');
  });

  test('matching is case-sensitive', () => {
    expect(matchedKey(table, 'GET', '/Employees/me')).toBe('not-found');
    expect(matchedKey(table, 'GET', '/employees/ME')).toBe('GET /employees/*');
  });

  test('there is no trailing-slash folding and no empty segments', () => {
    const literal = new RouteTable([route('GET', '/employees')]);
    expect(matchedKey(literal, 'GET', '/employees')).toBe('GET /employees');
    expect(matchedKey(literal, 'GET', '/employees/')).toBe('not-found');
    expect(matchedKey(table, 'GET', '/employees/')).toBe('not-found');
    expect(matchedKey(table, 'GET', '/employees//manager')).toBe('not-found');
    expect(matchedKey(table, 'GET', '/employees/42/')).toBe('not-found');
  });
});

test.describe('operations', () => {
  const table = new RouteTable([
    route('GET', '/employees'),
    route('POST', '/employees'),
    route('DELETE', '/employees/*'),
    route('PUT', '/employees/*'),
    route('GET', '/employees/me'),
  ]);

  test('a known path with an undeclared operation lists the allowed ones in a fixed order', () => {
    expect(table.match('PATCH', '/employees/42')).toEqual({ kind: 'method-not-allowed', allow: ['PUT', 'DELETE'] });
    expect(table.match('HEAD', '/employees')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'POST'] });
  });

  test('a less specific route still serves an operation the more specific one lacks', () => {
    expect(matchedKey(table, 'PUT', '/employees/me')).toBe('PUT /employees/*');
    expect(matchedKey(table, 'GET', '/employees/me')).toBe('GET /employees/me');
  });

  test('an unknown path is not found, whatever the operation', () => {
    expect(table.match('GET', '/payroll')).toEqual({ kind: 'not-found' });
    expect(table.match('GET', 'employees')).toEqual({ kind: 'not-found' });
  });

  test('the root path matches nothing (a bare / cannot be declared)', () => {
    expect(table.match('GET', '/')).toEqual({ kind: 'not-found' });
  });
});
