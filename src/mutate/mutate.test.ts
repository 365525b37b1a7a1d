import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, APPS_DIR, SAMPLE_APP } from '../../fixtures/apps';
import { forgeConformance, forgeConformanceAsync } from '../../fixtures/cli-run';
import type { MutationScore } from '../report/mutation-score';
import { OPERATORS } from './operators';

// Every mutant is a whole conformance run: these tests take minutes, not seconds.
test.describe.configure({ timeout: 600_000 });

test("certify --mutants: the sample's own suite kills every operator's mutant, and the score is on its certificate", async () => {
  const out = test.info().outputPath('reports');
  const run = await forgeConformanceAsync({}, 'certify', SAMPLE_APP, '--mutants', '--out', out);
  expect(run.code, run.output).toBe(0);
  const mutation = run.summary!.mutation!;

  // One mutant an operator: the sample gives every operator something to change.
  expect(mutation.mutants.map((m) => m.operator)).toEqual(OPERATORS.map((o) => o.id));
  for (const mutant of mutation.mutants) {
    if (mutant.operator === 'egress-any-host') {
      // A run cannot see that the manifest allows more than the app uses; lint warns, by design a warning (EGRESS-ANY-HOST).
      expect(mutant, mutant.change).toMatchObject({ outcome: 'warned', killedBy: ['EGRESS-ANY-HOST'] });
    } else {
      expect(mutant.outcome, `${mutant.change}: ${mutant.wouldKill ?? mutant.error ?? ''}`).toBe('killed');
      expect(mutant.killedBy!.length).toBeGreaterThan(0);
    }
  }
  expect(mutation.score).toBe(Math.round((1000 * (OPERATORS.length - 1)) / OPERATORS.length) / 10);
  // Killed by what each defect is about, not by accident.
  const killers = Object.fromEntries(mutation.mutants.map((m) => [m.operator, m.killedBy]));
  for (const operator of ['token-in-header', 'token-in-query', 'token-in-body']) expect(killers[operator]).toContain('EGRESS-TOKEN-01');
  for (const operator of ['undeclared-host', 'plain-http', 'drop-egress-entry']) expect(killers[operator]).toContain('EGRESS-ALLOWLIST-01');
  expect(killers['drop-route-scope']).toEqual(['SCENARIO-01']);

  // On the certificate, in mutation.json beside it, and in the bundle; the mutants' run folders are not.
  const certificate = readFileSync(join(run.runDir!, 'certificate.md'), 'utf8');
  expect(certificate).toContain(`## Mutation score\n\n**${mutation.score}%**: 12 of 13 mutants`);
  expect(certificate).toMatch(/\| `egress-any-host` \| the manifest allows any host \('\*'\) \| survived the run; lint warns of it \(`EGRESS-ANY-HOST`\) \|/);
  expect(readFileSync(join(run.runDir!, 'certificate.html'), 'utf8')).toContain('<h2 id="mutation-score">Mutation score</h2>');
  expect((JSON.parse(readFileSync(join(run.runDir!, 'mutation.json'), 'utf8')) as MutationScore).score).toBe(mutation.score);
  const bundle = /^Certification bundle: (.+)$/m.exec(run.output)![1]!;
  const listing = execFileSync('tar', ['-tzf', join(process.cwd(), bundle)], { encoding: 'utf8' });
  expect(listing).toContain('mutation.json');
  expect(listing).not.toContain('-mutation-');
});

test('a survivor is reported with what in the suite would kill it', async () => {
  // The sample without the scenario that calls payslips with the payroll scope alone.
  const app = appVariant(SAMPLE_APP, test.info().outputPath('employee-directory'), {
    'conformance.yaml': (text) =>
      text.replace(/\n {2}# Payslips name the employee[^]*?bodyEquals: \{ code: 401, message: Unauthorized; scope does not match \}\n/, '\n'),
  });
  const run = await forgeConformanceAsync({}, 'mutate', app, '--operator', 'drop-route-scope', '--out', test.info().outputPath('reports'));
  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(
    '✖ drop-route-scope: GET /payroll/** no longer requires read:employee:custom — survived: would be killed by a scenario or a consumer pact that calls get-payroll with a token lacking read:employee:custom and expects the refusal (401)',
  );
  expect(run.output).toMatch(/^Mutation score 0%: 0 of 1 mutants killed by a failed check or a lint error \(/m);
  const reportDir = /^Reports: (.+) \(mutation\.json/m.exec(run.output)![1]!;
  const report = JSON.parse(readFileSync(join(process.cwd(), reportDir, 'mutation.json'), 'utf8')) as MutationScore;
  expect(report.mutants).toEqual([expect.objectContaining({ operator: 'drop-route-scope', outcome: 'survived', verdict: 'conformant' })]);
  expect(existsSync(report.mutants[0]!.runDir!)).toBe(true);
});

test('what mutate cannot measure is one sentence, exit 2', () => {
  const last = (output: string) => output.trim().split('\n').at(-1);
  const broken = forgeConformance('mutate', join(APPS_DIR, 'broken-handler-throws'), '--out', test.info().outputPath('broken'));
  expect(broken.code).toBe(2);
  expect(last(broken.stderr)).toMatch(
    /^forge-conformance mutate: broken-handler-throws is not conformant itself \(.+\): make its own run conformant before measuring what its suite catches$/,
  );
  expect(broken.stderr).not.toMatch(/\n\s+at /);

  const unknown = forgeConformance('mutate', SAMPLE_APP, '--operator', 'drop-route-scope,answer-501');
  expect(unknown.code).toBe(2);
  expect(last(unknown.stderr)).toMatch(/^forge-conformance mutate: no operator answer-501: the operators are drop-route-scope, /);

  for (const [args, message] of [
    [['--jobs', '0'], '--jobs must be a whole number from 1, not "0"'],
    [['--time-limit', 'soon'], '--time-limit must be a whole number from 1, not "soon"'],
  ] as const) {
    const usage = forgeConformance('mutate', SAMPLE_APP, ...args);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(message);
  }
  const runMutants = forgeConformance('run', SAMPLE_APP, '--mutants');
  expect(runMutants.code).toBe(2);
  expect(runMutants.stderr).toContain('--mutants puts the score on a certificate: use certify --mutants, or mutate for the score alone');
});
