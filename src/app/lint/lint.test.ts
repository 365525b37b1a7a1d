import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, brokenApps, MINIMAL_APP, SAMPLE_APP } from '../../../fixtures/apps';
import { loadApp } from '../load-app';
import { lintApp } from '.';
import { HARNESS_NAMES } from '../../pact/harness-names';

const lint = async (dir: string) => lintApp(loadApp(dir), HARNESS_NAMES);
const ids = async (dir: string) => (await lint(dir)).map((f) => f.id);

/** The minimal clean app with one change, in this test's own output folder. */
const variant = (edits: Parameters<typeof appVariant>[2]) => appVariant(MINIMAL_APP, test.info().outputPath('app'), edits);
const manifest = (from: string, to: string) => ({ 'manifest.yml': (text: string) => text.replace(from, to) });

test('the sample app and the minimal app lint with zero findings', async () => {
  expect(await lint(SAMPLE_APP)).toEqual([]);
  expect(await lint(MINIMAL_APP)).toEqual([]);
});

test.describe('every broken-* app is caught by lint with exactly its expected finding ids (or lints clean, for defects that show at run time)', () => {
  for (const app of brokenApps()) {
    test(app.name, async () => {
      expect(
        app.lint.length + app.checks.length + app.noEvidence.length + app.contracts.length,
        `${app.name}/defect.yaml says how the defect is caught`,
      ).toBeGreaterThan(0);
      expect([...new Set(await ids(app.dir))].sort(), app.defect).toEqual([...app.lint].sort());
    });
  }
});

test('a YAML syntax error names the line and column', async () => {
  const [syntax] = await lint(join(SAMPLE_APP, '../broken-yaml-syntax'));
  expect(syntax).toMatchObject({ id: 'MANIFEST-YAML-SYNTAX', file: 'manifest.yml', line: 13, column: 7 });
  expect(syntax!.message).toContain('line 13, column 7');
});

test('schema findings point at the offending value in manifest.yml', async () => {
  const [finding] = await lint(join(SAMPLE_APP, '../broken-route-path'));
  expect(finding).toMatchObject({ id: 'MANIFEST-SCHEMA', line: 9, column: 13 });
  expect(finding!.message).toContain('modules.apiRoute[0].path "/greetings/{id}"');
  expect(finding!.hint).toContain('placeholders');
});

test.describe('warnings and infos', () => {
  test('a declared scope no route uses', async () => {
    const dir = variant({
      'custom-scopes.yaml': (t) => `${t}  delete:greeting:custom:\n    displayName: Delete greetings\n    description: Delete greetings.\n`,
    });
    const findings = await lint(dir);
    expect(findings).toEqual([expect.objectContaining({ id: 'SCOPE-UNUSED', severity: 'warning', file: 'custom-scopes.yaml', line: 6, column: 3 })]);
  });

  test('a write operation guarded only by read: scopes', async () => {
    expect(await ids(variant(manifest('operation: GET', 'operation: DELETE')))).toEqual(['ROUTE-WRITE-READ-SCOPES']);
    expect(await ids(variant(manifest('operation: GET', 'operation: PATCH')))).toEqual(['ROUTE-WRITE-READ-SCOPES']);
  });

  test('scope names that are not verb:noun, or are catch-alls', async () => {
    for (const name of ['greeting:custom', 'greetings:read:custom', 'read:all:custom']) {
      const dir = variant({ ...manifest('read:greeting:custom', name), 'custom-scopes.yaml': (t) => t.replace('read:greeting:custom', name) });
      expect(await ids(dir), name).toEqual(['SCOPE-NAMING']);
    }
  });

  test('a route without accept', async () => {
    const dir = variant(manifest('      accept:\n        - application/json\n', ''));
    expect(await lint(dir)).toEqual([expect.objectContaining({ id: 'ROUTE-ACCEPT-MISSING', severity: 'warning', line: 9 })]);
  });

  test('an egress entry with a path, which backend egress ignores', async () => {
    const dir = variant({ 'manifest.yml': (t) => `${t}permissions:\n  external:\n    fetch:\n      backend:\n        - https://api.example.com/v1\n` });
    expect(await ids(dir)).toEqual(['EGRESS-PATH-IGNORED']);
  });

  test('an egress entry with a port but no scheme, which @forge/egress never matches', async () => {
    const dir = variant({
      'manifest.yml': (t) =>
        `${t}permissions:\n  external:\n    fetch:\n      backend:\n        - api.example.com:8443\n        - https://ok.example.com:8443\n`,
    });
    expect(await lint(dir)).toEqual([
      expect.objectContaining({ id: 'EGRESS-PORT-WITHOUT-SCHEME', severity: 'warning', message: expect.stringContaining('api.example.com:8443') }),
    ]);
  });

  test('a custom entity whose index names an attribute it does not declare, at the index', async () => {
    const dir = variant({
      'manifest.yml': (t) =>
        t.replace(
          '    name: nodejs22.x\n',
          '    name: nodejs22.x\n  storage:\n    entities:\n      - name: timesheet\n        attributes:\n          week: { type: integer }\n        indexes:\n          - week\n          - name: by-person\n            partition: [employee]\n            range: [week]\n',
        ),
    });
    expect(await lint(dir)).toEqual([
      expect.objectContaining({
        id: 'ENTITY-SCHEMA',
        severity: 'error',
        line: 13,
        message: 'index by-person of timesheet names employee, which timesheet does not declare under attributes',
      }),
    ]);
  });

  test('an app with no apiRoute at all', async () => {
    const dir = variant({
      'manifest.yml': (t) =>
        t.replace(/^  apiRoute:[\s\S]*?(?=^  function:)/m, '  scheduledTrigger:\n    - key: nightly\n      function: greeting\n      interval: day\n'),
      'custom-scopes.yaml': null,
    });
    expect(await lint(dir)).toEqual([expect.objectContaining({ id: 'APIROUTE-NONE', severity: 'info' })]);
  });
});

test.describe('egress entries, judged by @forge/manifest', () => {
  const withEgress = (entry: string) => variant({ 'manifest.yml': (t) => `${t}permissions:\n  external:\n    fetch:\n      backend:\n        - ${entry}\n` });

  for (const entry of [
    'api.example.com',
    '"*.example.com"',
    'https://api.example.com',
    '{ address: api.example.com, category: analytics, inScopeEUD: false }',
  ]) {
    test(`accepts ${entry}`, async () => expect(await ids(withEgress(entry))).toEqual([]));
  }
  test('accepts "*", with a warning of what it costs', async () => expect(await ids(withEgress('"*"'))).toEqual(['EGRESS-ANY-HOST']));
  for (const entry of ['http://api.example.com', '"api example.com"', 'localhost', 'file:///etc/passwd', '{ remote: payroll }']) {
    test(`rejects ${entry}`, async () => expect(await ids(withEgress(entry))).toEqual(['EGRESS-MALFORMED']));
  }
});

test.describe('handler references', () => {
  test('may not leave the source directory', async () => {
    mkdirSync(test.info().outputPath('outside'), { recursive: true });
    for (const handler of ['../../outside/index.getGreeting', '../manifest.getGreeting', '/etc/passwd.x']) {
      const findings = await lint(variant(manifest('handler: index.getGreeting', `handler: ${handler}`)));
      expect(
        findings.map((f) => f.id),
        handler,
      ).toEqual(['HANDLER-FILE-MISSING']);
    }
  });

  test('must be <module>.<export>', async () => {
    const [finding] = await lint(variant(manifest('handler: index.getGreeting', 'handler: index')));
    expect(finding).toMatchObject({ id: 'HANDLER-FILE-MISSING', message: expect.stringContaining('is not <module>.<export>') });
  });

  test('resolve CommonJS exports, ES module exports and `export *` re-exports', async () => {
    const cases: Record<string, string> = {
      'src/index.cjs': 'exports.getGreeting = async () => ({ statusCode: 200 });\n',
      'src/index.js': 'module.exports = { getGreeting: async () => ({ statusCode: 200 }) };\n',
      'src/index.mjs': 'export async function getGreeting() { return { statusCode: 200 }; }\n',
      'src/index.jsx': 'const greeting = () => <p>hello</p>;\nexport const getGreeting = async () => ({ statusCode: 200, body: String(greeting) });\n',
    };
    for (const [file, source] of Object.entries(cases)) {
      // Without index.ts, the handler index.getGreeting resolves to this other module.
      expect(await ids(variant({ 'src/index.ts': null, [file]: source })), file).toEqual([]);
    }
    const reexport = variant({
      'src/index.ts': "export * from './greetings/handlers';\n",
      'src/greetings/handlers.ts': 'export const getGreeting = async () => ({ statusCode: 200 });\n',
    });
    expect(await ids(reexport)).toEqual([]);
  });

  test('a default export does not count', async () => {
    const dir = variant({ 'src/index.ts': 'export default { getGreeting: async () => ({ statusCode: 200 }) };\n' });
    expect(await ids(dir)).toEqual(['HANDLER-EXPORT-MISSING']);
  });
});

test.describe('conformance.yaml and conformance.waivers.yaml, read as the run reads them', () => {
  test('scenario assertions and route examples are checked field by field, at their line', async () => {
    const scenario = (expectation: string) =>
      `version: 1\nscenarios:\n  - name: one\n    request: { method: GET, path: /greetings/1 }\n    expect:\n      status: 200\n${expectation}`;
    const cases: [string, number, string][] = [
      [
        scenario('      jsonpath:\n        - { path: greeting, equals: hello }\n'),
        8,
        'scenarios.0.expect.jsonpath.0.path must be a JSONPath query starting with $',
      ],
      [
        scenario('      jsonpath:\n        - { path: $.greeting, equals: hello, count: 1 }\n'),
        8,
        'scenarios.0.expect.jsonpath.0 needs a path and exactly one of equals, matches, contains, is, count',
      ],
      [
        scenario('      jsonpath:\n        - { path: $.greeting, matches: "(" }\n'),
        8,
        'scenarios.0.expect.jsonpath.0.matches is not a regular expression (Invalid regular expression: /(/: Unterminated group)',
      ],
      [
        scenario('      jsonpath:\n        - { path: $.greeting, is: text }\n'),
        8,
        'scenarios.0.expect.jsonpath.0.is must be one of string, number, boolean, list, object, null, empty',
      ],
      [scenario('      headersMatch: { content-type: 7 }\n'), 7, 'scenarios.0.expect.headersMatch.content-type must be a string'],
      [
        'version: 1\nscenarios:\n  - name: one\n    request: { method: GET, path: /greetings/1, token: anonymous }\n    expect: { status: 401 }\n',
        4,
        "scenarios.0.request.token can only be `none` (no Authorization header); leave it out for a token with the route's scopes",
      ],
      ['version: 1\nstates:\n  - employee 4 is a new hire\n', 3, 'states must map each state name to its steps'],
      [
        'version: 1\nstates:\n  a greeting exists:\n    request: { method: GET, path: /greetings/1, user: 5b10ac8d82e05b22cc7d4ef5 }\n    expect: { status: 200 }\n',
        4,
        'states.a greeting exists.request.user cannot name a user: a state is set up as the interaction\'s caller (a pact sets the caller with the state "the caller is user")',
      ],
      [
        'version: 1\nstates:\n  the caller sends no token:\n    request: { method: GET, path: /greetings/1 }\n    expect: { status: 200 }\n',
        4,
        "states.the caller sends no token is one of the platform's own states, which the verifier sets up itself: give the app's state another name",
      ],
      [
        'version: 1\nexamples:\n  get-greeting:\n    path: /greetings/1\n    headers: [x]\n',
        5,
        'examples.get-greeting.headers must map header names to strings',
      ],
      // The fields for apps with state: given, capture, retry, site, and {{name}} only once captured.
      [
        'version: 1\nexamples:\n  get-greeting:\n    path: /greetings/1\n    given: [a greeting exists]\n',
        5,
        'examples.get-greeting.given.0 names no state of states: (there are none)',
      ],
      [
        'version: 1\nstates:\n  a greeting exists:\n    request: { method: GET, path: /greetings/1 }\n    expect: { status: 200 }\n    capture: { id: $.id }\nexamples:\n  get-greeting:\n    path: /greetings/{{greetingId}}\n    given: [a greeting exists]\n',
        9,
        'examples.get-greeting uses {{greetingId}}, which none of its given states captures',
      ],
      [scenario('    capture: { id: id }\n'), 7, 'scenarios.0.capture.id must be a JSONPath query starting with $'],
      [
        'version: 1\nscenarios:\n  - name: one\n    steps:\n      - request: { method: GET, path: "/greetings/{{id}}" }\n        expect: { status: 200 }\n',
        5,
        'scenarios.0.steps.0.request uses {{id}}, which no earlier step captures (capture: {id: $.…})',
      ],
      [scenario('    retry: { attempts: 100 }\n'), 7, 'scenarios.0.retry.attempts must be a whole number from 1 to 60'],
      [
        'version: 1\nscenarios:\n  - name: one\n    request: { method: GET, path: /greetings/1, site: elsewhere }\n    expect: { status: 200 }\n',
        4,
        "scenarios.0.request.site can only be `other` (a second installation of the app, on a site of its own); leave it out for the scenario's site",
      ],
    ];
    for (const [text, line, message] of cases) {
      expect
        .soft(await lint(appVariant(MINIMAL_APP, test.info().outputPath(`case-${line}-${message.length}`), { 'conformance.yaml': text })), message)
        .toEqual([expect.objectContaining({ id: 'CONFORMANCE-FILE', line, message })]);
    }
  });

  test('every field the file does not know is an error at its line, naming the field it most likely meant', async () => {
    const dir = variant({
      'conformance.yaml': [
        'version: 1',
        'examples:',
        '  get-greeting:',
        '    path: /greetings/1',
        '    header: { x-source: conformance }',
        'scenarios:',
        '  - name: typo',
        '    request: { method: GET, path: /greetings/1 }',
        '    expect:',
        '      status: 200',
        '      bodyEqual: { text: hello }',
        '      header: { content-type: application/json }',
        '      jsonpath:',
        '        - { path: $.text, equal: hello }',
        'scenario: []',
        '',
      ].join('\n'),
      'conformance.waivers.yaml': 'version: 1\nwaivers:\n  - check: APIROUTE-AUTH-01\n    reasons: A waiver whose reason is misspelled.\n',
    });
    const found = await lint(dir);
    expect(found.map((f) => `${f.file}:${f.line} ${f.message}`).sort()).toEqual(
      [
        'conformance.waivers.yaml:3 waivers.0 names the check it waives and why (check: APIROUTE-SCOPE-01, reason: …)',
        'conformance.waivers.yaml:4 waivers.0.reasons is not a field of waivers.0: did you mean `reason`?',
        'conformance.yaml:5 examples.get-greeting.header is not a field of examples.get-greeting: did you mean `headers`?',
        'conformance.yaml:11 scenarios.0.expect.bodyEqual is not a field of scenarios.0.expect: did you mean `bodyEquals`?',
        'conformance.yaml:12 scenarios.0.expect.header is not a field of scenarios.0.expect: did you mean `headers`?',
        'conformance.yaml:14 scenarios.0.expect.jsonpath.0.equal is not a field of scenarios.0.expect.jsonpath.0: did you mean `equals`?',
        'conformance.yaml:15 scenario is not a field of the file: did you mean `scenarios`?',
      ].sort(),
    );
    expect(found.every((f) => f.id === 'CONFORMANCE-FILE' && f.severity === 'error')).toBe(true);
    // A field nothing resembles lists the fields there are.
    const far = await lint(
      appVariant(MINIMAL_APP, test.info().outputPath('far'), {
        'conformance.yaml': 'version: 1\nexamples:\n  get-greeting:\n    path: /greetings/1\n    zzz: 1\n',
      }),
    );
    expect(far.map((f) => f.message)).toEqual([
      'examples.get-greeting.zzz is not a field of examples.get-greeting: the fields are path, body, headers, user, given',
    ]);
  });

  test("egress: names hosts and the proxy's methods, each once", async () => {
    const found = await lint(
      appVariant(MINIMAL_APP, test.info().outputPath('egress'), {
        'conformance.yaml': 'version: 1\negress:\n  api.example.com: [GET, FETCH]\n  "https://bad.example.com": [GET]\n  ok.example.com: [GET, GET]\n',
      }),
    );
    expect(found.map((f) => `${f.line} ${f.message}`)).toEqual([
      '3 egress.api.example.com.1 must be one of GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH',
      '4 egress.https://bad.example.com is not a host name (api.example.com, or api.example.com:8443)',
      '5 egress.ok.example.com must be a list of methods, each once: GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH',
    ]);
  });

  test('a YAML syntax error, at its line and column', async () => {
    const [found] = await lint(variant({ 'conformance.yaml': 'version: 1\nscenarios: [\n' }));
    expect(found).toMatchObject({ id: 'CONFORMANCE-FILE', severity: 'error', file: 'conformance.yaml', line: 3, column: 1 });
  });

  test('a wrong field, at its line', async () => {
    const dir = variant({
      'conformance.yaml': 'version: 1\nscenarios:\n  - name: typo\n    request: { method: GTE, path: /greetings/1 }\n    expect: { status: 200 }\n',
    });
    expect(await lint(dir)).toEqual([
      expect.objectContaining({ id: 'CONFORMANCE-FILE', line: 4, message: 'scenarios.0.request.method must be an HTTP method' }),
    ]);
  });

  test('a waiver of a check that does not exist', async () => {
    const dir = variant({ 'conformance.waivers.yaml': 'version: 1\nwaivers:\n  - check: APIROUTE-MAGIC-99\n    reason: There is no such check at all.\n' });
    expect(await lint(dir)).toEqual([expect.objectContaining({ id: 'CONFORMANCE-FILE', file: 'conformance.waivers.yaml', line: 3 })]);
  });

  test('an example or a waiver for a route the manifest does not have is a warning naming the route keys', async () => {
    const dir = variant({
      'conformance.yaml': 'version: 1\nexamples:\n  get-greetings:\n    path: /greetings/1\n',
      'conformance.waivers.yaml':
        'version: 1\nwaivers:\n  - check: APIROUTE-AUTH-01\n    route: get-greeting\n    reason: A waiver for a route that exists.\n  - check: APIROUTE-AUTH-01\n    route: get-greting\n    reason: A typo in the route key.\n',
    });
    const found = await lint(dir);
    expect(found).toEqual([
      expect.objectContaining({
        id: 'CONFORMANCE-UNKNOWN-ROUTE',
        severity: 'warning',
        file: 'conformance.waivers.yaml',
        line: 7,
        message: expect.stringContaining('for route get-greting'),
      }),
      expect.objectContaining({ id: 'CONFORMANCE-UNKNOWN-ROUTE', severity: 'warning', file: 'conformance.yaml', line: 3, column: 3 }),
    ]);
    expect(found[0]!.hint).toContain('get-greeting');
  });
});
