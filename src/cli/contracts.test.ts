import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { brokenApp, MINIMAL_APP, SAMPLE_APP } from '../../fixtures/apps';
import { HARNESS_ROOT } from '../common/harness-root';

const PACTS = join(HARNESS_ROOT, 'contracts/pacts');
/** `forge-conformance contracts …`, with no broker unless `env` names one. */
const withEnvironment = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'contracts', ...args], {
    cwd: HARNESS_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, PACT_BROKER_BASE_URL: undefined, ...env },
  });
const cli = (...args: string[]) => withEnvironment({}, ...args);

test.describe.configure({ timeout: 150_000 });

test('contracts verify: the sample app honours every interaction of the HR portal pact it keeps (exit 0)', () => {
  const result = cli('verify', SAMPLE_APP);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain(
    '✔ hr-portal: a request on a site with REST APIs off (given the caller holds scopes and REST APIs are disabled for the site)',
  );
  expect(result.stdout).toContain('✔ every interaction holds (9, 1 pact file)');
});

test('contracts verify: a drifted app fails the interactions that read records, each with the difference (exit 1)', () => {
  const result = cli('verify', brokenApp('broken-contract-drift'), '--pacts', PACTS);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(
    /✖ hr-portal: a request for employee 2 \(given the caller holds scopes\)\n {4}\$: Actual map is missing the following keys: name/,
  );
  expect(result.stdout).toContain('✖ 4 of 9 interactions do not hold');
});

test('contracts verify without pacts, or with an unknown action, cannot run: one sentence, exit 2', () => {
  const none = cli('verify', MINIMAL_APP);
  expect(none.status).toBe(2);
  expect(none.stderr.trim().split('\n')).toEqual([expect.stringContaining('no pacts: ')]);
  expect(cli('check').status).toBe(2);
  expect(cli('verify', SAMPLE_APP, '--pacts', '/nonexistent').stderr).toContain('--pacts /nonexistent does not exist');
  // A file that is no pact, or one without interactions, never passes as "every interaction holds".
  const broken = test.info().outputPath('broken-pact.json');
  writeFileSync(broken, '{"consumer": ');
  const notAPact = cli('verify', SAMPLE_APP, '--pacts', broken);
  expect(notAPact.status).toBe(2);
  expect(notAPact.stderr.trim().split('\n').at(-1)).toContain('broken-pact.json is not a Pact file');
  const empty = test.info().outputPath('empty-pact.json');
  writeFileSync(empty, JSON.stringify({ consumer: { name: 'x' }, provider: { name: 'y' }, interactions: [] }));
  expect(cli('verify', SAMPLE_APP, '--pacts', empty).stderr).toContain('has no interactions: there is nothing to verify');
});

test('contracts publish: without a broker, or without a consumer version, one sentence and exit 2; a broker that does not answer is named', () => {
  const noBroker = withEnvironment({}, 'publish', '--pacts', PACTS, '--consumer-version', '3f2a9c1');
  expect(noBroker.status).toBe(2);
  expect(noBroker.stderr).toContain('contracts publish needs a broker: set PACT_BROKER_BASE_URL');
  const noVersion = withEnvironment({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9' }, 'publish', '--pacts', PACTS);
  expect(noVersion.stderr).toContain('--consumer-version');
  const unreachable = withEnvironment(
    { PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_TOKEN: 'secret-token' },
    'publish',
    '--pacts',
    PACTS,
    '--consumer-version',
    '3f2a9c1',
  );
  expect(unreachable.status).toBe(2);
  expect(unreachable.stderr.trim().split('\n')).toEqual([expect.stringContaining('the broker at http://127.0.0.1:9 did not take the pacts: ')]);
  expect(unreachable.stderr + unreachable.stdout).not.toContain('secret-token');
  // With a broker, verify fetches the provider's pacts from it (by the app's name), and says so when it cannot.
  const verify = withEnvironment({ PACT_BROKER_BASE_URL: 'http://127.0.0.1:9' }, 'verify', SAMPLE_APP);
  expect(verify.status).toBe(2);
  expect(verify.stderr.trim().split('\n').at(-1)).toContain("No pacts found for provider 'employee-directory'");
});
