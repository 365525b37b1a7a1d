import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, APPS_DIR, MINIMAL_APP, SAMPLE_APP } from '../../fixtures/apps';
import { FINDINGS } from '../app/findings';
import { CHECK_IDS } from '../conformance/catalogue';
import { HARNESS_ROOT } from '../common/harness-root';

/** Runs the real CLI as a user would; a hang fails the test instead of blocking the run. */
const cli = (...args: string[]) => cliWith({}, ...args);

function cliWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), ...args], {
    cwd: HARNESS_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    // Playwright's workers set FORCE_COLOR; with NO_COLOR too, Node would add a warning line.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, FORGE_CONFORMANCE_DEBUG: '', ...env },
  });
  expect(result.error, 'the CLI finished in time').toBeUndefined();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Could-not-run failures: exit 2, exactly one line on stderr, never a stack trace. */
function expectOneLineFailure(run: ReturnType<typeof cli>, ...phrases: string[]) {
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  for (const phrase of phrases) expect(run.stderr).toContain(phrase);
}

test.describe('lint', () => {
  test('the sample app exits 0 with no error findings', () => {
    const run = cli('lint', 'fixtures/apps/employee-directory');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✔ fixtures\/apps\/employee-directory: no errors \(0 errors, 0 warnings, 0 infos; [\d.]+ s\)$/m);
  });

  test('--json prints the documented shape', () => {
    const run = cli('lint', 'fixtures/apps/broken-undeclared-scope', '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['tool', 'version', 'app', 'ok', 'summary', 'findings']);
    expect(report).toMatchObject({
      tool: 'forge-conformance',
      version: JSON.parse(readFileSync(join(HARNESS_ROOT, 'package.json'), 'utf8')).version,
      app: { dir: join(APPS_DIR, 'broken-undeclared-scope'), id: expect.stringMatching(/^ari:cloud:ecosystem::app\//) },
      ok: false,
      summary: { errors: 1, warnings: 0, infos: 0 },
    });
    expect(report.findings).toEqual([
      {
        id: 'SCOPE-UNDECLARED',
        severity: 'error',
        file: 'manifest.yml',
        line: 23,
        column: 11,
        message: expect.stringContaining('write:greeting:custom'),
        hint: expect.stringContaining('CUSTOM_SCOPES_NOT_AVAILABLE'),
      },
    ]);
  });

  test('a broken app exits 1 and prints file:line:col, severity, id, message and hint', () => {
    const run = cli('lint', 'fixtures/apps/broken-yaml-syntax');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fixtures/apps/broken-yaml-syntax/manifest.yml:13:7  error    MANIFEST-YAML-SYNTAX  ');
    expect(run.stdout).toContain('    hint: ');
    expect(run.stdout).toMatch(/✖ fixtures\/apps\/broken-yaml-syntax: 1 error/);
  });

  test('a non-Forge manifest gets one clear sentence', () => {
    expectOneLineFailure(cli('lint', 'fixtures/apps/foreign-cloud-foundry'), 'is not a Forge manifest', 'Cloud Foundry');
  });

  test('a missing directory, a file, a directory without manifest.yml', () => {
    expectOneLineFailure(cli('lint', 'no/such/app'), 'no/such/app does not exist');
    expectOneLineFailure(cli('lint', 'package.json'), 'is a file, not a directory');
    expectOneLineFailure(cli('lint', 'src'), 'src has no manifest.yml');
  });

  test('an empty manifest, a scalar manifest and a binary one', () => {
    const dir = test.info().outputPath('odd');
    for (const [name, content] of [
      ['empty', ''],
      ['scalar', 'just a string\n'],
      ['binary', '\u0000\u0001\u0002PK\u0003\u0004'],
    ] as const) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'manifest.yml'), content);
      const run = cli('lint', join(dir, name));
      expect([1, 2], name).toContain(run.code);
      expect(run.stderr + run.stdout, name).not.toMatch(/\n\s+at |internal error/);
    }
  });

  test('--json still prints JSON when nothing could run', () => {
    const run = cli('lint', 'no/such/app', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ tool: 'forge-conformance', ok: false, error: expect.stringContaining('does not exist') });
  });

  test('usage mistakes exit 2 with the usage line', () => {
    const unknownOption = cli('lint', '--bogus');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--bogus'");
    expect(unknownOption.stderr).toContain('Usage: forge-conformance lint [appDir] [--json]');
    expect(cli('lint', 'a', 'b').stderr).toContain('unexpected argument "b"');
    expectOneLineFailure(cli('frobnicate'), 'unknown command "frobnicate"');
  });
});

test.describe('docs', () => {
  test('writes the scope mapping as Markdown, and as JSON for a .json file', () => {
    const markdown = test.info().outputPath('out/scopes.md');
    const json = test.info().outputPath('out/scopes.json');
    expect(cli('docs', 'fixtures/apps/employee-directory', '--out', markdown).code).toBe(0);
    expect(cli('docs', 'fixtures/apps/employee-directory', '--out', json).code).toBe(0);
    expect(readFileSync(markdown, 'utf8')).toContain('| DELETE | `/employees/*` | Remove employee records (`delete:employee:custom`) |');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.routes).toHaveLength(9);
    expect(doc.scopes.map((s: { name: string }) => s.name)).toEqual([
      'read:employee:custom',
      'write:employee:custom',
      'delete:employee:custom',
      'read:payroll:custom',
      'write:payroll:custom',
    ]);
  });

  test('prints Markdown to stdout, or JSON with --json', () => {
    expect(cli('docs', SAMPLE_APP).stdout).toMatch(/^# REST API scopes: employee-directory$/m);
    expect(JSON.parse(cli('docs', SAMPLE_APP, '--json').stdout).app.name).toBe('employee-directory');
  });

  test('refuses a manifest that does not parse, naming line and column', () => {
    expectOneLineFailure(cli('docs', 'fixtures/apps/broken-yaml-syntax'), 'manifest.yml:13:7');
  });
});

test.describe('run', () => {
  test('--watch is refused where it cannot keep its promise: another target, a partial run, a report folder, certify, a missing app', () => {
    const refused = (run: ReturnType<typeof cli>, phrase: string) => {
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toContain(phrase);
      expect(run.stderr).toContain('Usage: forge-conformance run');
    };
    refused(cli('run', MINIMAL_APP, '--watch', '--target', 'containers'), '--watch runs on the embedded target');
    refused(cli('run', MINIMAL_APP, '--watch', '--grep', 'AUTH'), 'leave out --grep, --shard and --out');
    refused(cli('run', MINIMAL_APP, '--watch', '--workers', '0'), '--workers takes a whole number from 1 to 64');
    const certify = cli('certify', MINIMAL_APP, '--watch');
    expect(certify.code).toBe(2);
    expect(certify.stderr).toContain('certify runs once: --watch is for run');
    expectOneLineFailure(cli('run', 'no/such/app', '--watch'), 'no/such/app does not exist');
  });

  test('--target remote takes a profile, only on run; a missing profile or token is one sentence', () => {
    const usage = (run: ReturnType<typeof cli>, phrase: string) => {
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toContain(phrase);
    };
    usage(cli('run', MINIMAL_APP, '--target', 'remote'), '--target remote and --remote FILE go together');
    usage(cli('run', MINIMAL_APP, '--remote', 'x.yaml'), '--target remote and --remote FILE go together');
    usage(cli('certify', MINIMAL_APP, '--target', 'remote', '--remote', 'x.yaml'), 'certify runs on the emulated platform');
    usage(cli('up', MINIMAL_APP, '--target', 'remote'), 'only `run` takes --target remote');
    const profile = test.info().outputPath('remote.yaml');
    writeFileSync(
      profile,
      'version: 1\nproduct: jira\ncloudId: c\nappId: a\nenvironmentId: e\ngateway: https://api.atlassian.com\ntokens:\n  - env: NO_SUCH_TOKEN_VARIABLE\n    scopes: [read:forge-app:jira]\n',
    );
    const run = cli('run', MINIMAL_APP, '--target', 'remote', '--remote', profile, '--out', test.info().outputPath('run'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the deployment file names NO_SUCH_TOKEN_VARIABLE, but it is not set');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a broken stub file stops it before anything starts, in one line naming the file', () => {
    const app = appVariant(MINIMAL_APP, test.info().outputPath('app'), { 'upstreams/payroll.json': '{"scope": ' });
    const run = cli('run', app, '--out', test.info().outputPath('run'));
    expectOneLineFailure(
      { ...run, stderr: run.stderr.trim().split('\n').slice(1).join('\n') },
      'upstreams/payroll.json is not valid JSON',
      'fix the stub file',
    );
  });

  test('--target containers without a Docker engine says to start one, in one line', () => {
    const run = cliWith(
      { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      'run',
      SAMPLE_APP,
      '--target',
      'containers',
      '--out',
      test.info().outputPath('run'),
    );
    // The progress line comes first (stderr, as always); the failure is one line after it.
    expect(run.stderr.trim().split('\n')[0]).toBe('Starting the platform around employee-directory (containers target) …');
    expectOneLineFailure(
      { ...run, stderr: run.stderr.trim().split('\n').slice(1).join('\n') },
      'the containers target needs a Docker engine',
      'nonexistent/docker.sock',
      'or use --target embedded',
    );
  });
});

test("the partners' guide documents every finding id and every check id", () => {
  const guide = readFileSync(join(HARNESS_ROOT, 'docs/partners.md'), 'utf8');
  for (const id of [...Object.keys(FINDINGS), ...CHECK_IDS]) expect(guide, id).toContain(`\`${id}\``);
});
