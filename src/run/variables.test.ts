/**
 * The app environment's variables end to end: a handler reads its variables from process.env and
 * nothing else of the machine's environment (a CI's token, the harness's own variables), and no
 * report of the run holds an encrypted value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, MINIMAL_APP, SAMPLE_UPSTREAMS } from '../../fixtures/apps';
import { forgeConformanceAsync } from '../../fixtures/cli-run';

const SECRET = 'sk-live-not-to-be-written-anywhere';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

test("a handler sees its environment's variables and nothing else of the machine's; reports name them but never write a secret", async () => {
  test.setTimeout(120_000);
  const dir = appVariant(MINIMAL_APP, test.info().outputPath('app'), {
    'src/index.ts': [
      'export const getGreeting = async () => ({',
      '  statusCode: 200,',
      "  headers: { 'Content-Type': ['application/json'] },",
      '  body: JSON.stringify({',
      '    greeting: process.env.GREETING ?? null,',
      '    fromShell: process.env.FROM_SHELL ?? null,',
      "    secretLength: (process.env.API_KEY ?? '').length,",
      '    names: Object.keys(process.env).sort(),',
      '  }),',
      '});',
      '',
    ].join('\n'),
    'forge-variables.yaml': `version: 1\nvariables:\n  GREETING: Hello\n  API_KEY:\n    value: ${SECRET}\n    encrypt: true\n`,
    'conformance.yaml': [
      'version: 1',
      'scenarios:',
      '  - name: the handler reads its variables, and only them',
      '    request: { method: GET, path: /greetings/en }',
      `    expect: { status: 200, body: { greeting: Hello, fromShell: shell, secretLength: ${SECRET.length}, names: [API_KEY, FROM_SHELL, GREETING, NODE_OPTIONS] } }`,
      '',
    ].join('\n'),
  });
  const run = await forgeConformanceAsync(
    { FORGE_USER_VAR_FROM_SHELL: 'shell', CI_TOKEN_PROBE: 'a-token-of-the-ci' },
    'run',
    dir,
    '--upstreams',
    SAMPLE_UPSTREAMS,
    '--out',
    test.info().outputPath('reports'),
  );
  expect(run.code, run.output.slice(-2000)).toBe(0);
  expect(run.summary!.checks.find((c) => c.id === 'SCENARIO-01')).toMatchObject({ outcome: 'pass' });
  expect(run.summary!.variables).toEqual([
    { name: 'GREETING', encrypted: false },
    { name: 'API_KEY', encrypted: true, searched: true },
    // Too short to tell from ordinary text: no response is searched for it (APIROUTE-SECRET-01).
    { name: 'FROM_SHELL', encrypted: true, searched: false },
  ]);
  expect(readFileSync(join(run.runDir!, 'certificate.md'), 'utf8')).toContain('`GREETING`, `API_KEY` (encrypted), `FROM_SHELL` (encrypted)');
  const holding = filesUnder(run.runDir!).filter((file) => readFileSync(file).includes(SECRET));
  expect(holding).toEqual([]);
  expect(run.output).not.toContain(SECRET);
});

test('a variables file over a limit stops the run before anything starts: one sentence at its line, exit 2', async () => {
  const dir = appVariant(MINIMAL_APP, test.info().outputPath('app'), {
    'forge-variables.yaml': `version: 1\nvariables:\n  BIG: ${'x'.repeat(3073)}\n`,
  });
  const run = await forgeConformanceAsync({}, 'run', dir, '--out', test.info().outputPath('reports'));
  expect(run.code).toBe(2);
  expect(run.output.trim().split('\n')).toEqual([
    'forge-conformance run: forge-variables.yaml:3: variables.BIG is 3073 bytes long; Forge allows 3072 (3 KB) a value.',
  ]);
});
