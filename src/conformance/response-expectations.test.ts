import { expect, test } from '@playwright/test';
import { unmetExpectations } from './response-expectations';

const response = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }) => ({
  status,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});
const employees = {
  employees: [
    { name: 'Ada Lovelace', id: '1', title: 'Head of Engineering' },
    { name: 'Grace Hopper', id: '2', title: 'Staff Engineer' },
  ],
  next: null,
};

test('a partial body matches any list holding the items given; an exact body only itself: [] is an empty list', () => {
  expect(unmetExpectations({ status: 200, body: { employees: [] } }, response(200, employees))).toEqual([]);
  expect(unmetExpectations({ status: 200, bodyEquals: { employees: [] } }, response(200, employees))).toEqual([
    expect.stringMatching(/^body is .* not exactly \{"employees":\[\]\}/),
  ]);
  expect(unmetExpectations({ status: 200, bodyEquals: { employees: [] } }, response(200, { employees: [] }))).toEqual([]);
  expect(unmetExpectations({ status: 200, body: { employees: [{ name: 'Hedy Lamarr' }] } }, response(200, employees))).toEqual([
    'body.employees[0] {"name":"Hedy Lamarr"} is not in [{"name":"Ada Lovelace","id":"1","title":"Head of Engineering"},{"name":"Grace Hopper","id":"2","title":"Staff Engineer"}]',
  ]);
});

test('JSONPath assertions: equals, matches, contains, is, count, on one match or on the list of matches', () => {
  const ok = (jsonpath: object[]) => unmetExpectations({ status: 200, jsonpath: jsonpath as never }, response(200, employees));
  expect(
    ok([
      { path: '$.employees[0].name', equals: 'Ada Lovelace' },
      { path: '$.employees[*].name', equals: ['Ada Lovelace', 'Grace Hopper'] },
      { path: '$.employees[?(@.id == "2")].title', matches: '^Staff' },
      { path: '$.employees[*].name', contains: 'Grace Hopper' },
      { path: '$.employees[1].name', contains: 'Hopper' },
      { path: '$.employees', is: 'list' },
      { path: '$.next', is: 'null' },
      { path: '$.employees[0].id', is: 'string' },
      { path: '$.employees', count: 2 },
      { path: '$.employees[*]', count: 2 },
      { path: '$.missing', is: 'empty' },
    ]),
  ).toEqual([]);
  expect(
    ok([
      { path: '$.employees[0].name', equals: 'Grace Hopper' },
      { path: '$.employees[0].name', matches: '^Grace' },
      { path: '$.employees[*].name', contains: 'Hedy Lamarr' },
      { path: '$.employees[0].id', is: 'number' },
      { path: '$.employees', count: 3 },
      { path: '$.employees', is: 'empty' },
    ]),
  ).toEqual([
    '$.employees[0].name ("Ada Lovelace") does not equal "Grace Hopper"',
    '$.employees[0].name ("Ada Lovelace") does not match /^Grace/',
    '$.employees[*].name (["Ada Lovelace","Grace Hopper"]) does not contain "Hedy Lamarr"',
    '$.employees[0].id ("1") is not a number',
    expect.stringMatching(/^\$\.employees \(.*\) has 2 items, not 3$/),
    expect.stringMatching(/^\$\.employees \(.*\) is not empty$/),
  ]);
});

test('status, headers by prefix and by regular expression, and a body that is not JSON', () => {
  expect(
    unmetExpectations(
      { status: 200, headers: { 'content-type': 'application/json' }, headersMatch: { 'content-type': 'charset=utf-8$' } },
      response(200, employees),
    ),
  ).toEqual([]);
  expect(unmetExpectations({ status: 201, headersMatch: { location: '^/employees/\\d+$' } }, response(200, employees))).toEqual([
    expect.stringMatching(/^status is 200, not 201/),
    'header location is null, which does not match /^/employees/\\d+$/',
  ]);
  expect(unmetExpectations({ status: 200, jsonpath: [{ path: '$.x', is: 'string' }] }, response(200, '<html>'))).toEqual([
    expect.stringMatching(/^the 200 answer says content-type application\/json.* but its body is not JSON \(.*\): "<html>"$/),
  ]);
  // Whatever the step asserts, even its status alone: a JSON 2xx must parse.
  expect(unmetExpectations({ status: 200 }, response(200, '{greeting: 1}'))).toEqual([expect.stringMatching(/its body is not JSON/)]);
  expect(unmetExpectations({ status: 200 }, response(200, ''))).toEqual([]);
});
