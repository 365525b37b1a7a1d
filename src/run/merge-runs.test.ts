import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { MINIMAL_APP, SAMPLE_APP } from '../../fixtures/apps';
import { forgeConformance } from '../../fixtures/cli-run';
import type { RunSummary } from '../report/summary';

test.describe.configure({ timeout: 300_000 });

/** A copy of a run folder, to change. */
const copyOf = (dir: string, into: string) => (cpSync(dir, into, { recursive: true }), into);

/** What must not depend on how the run was split: every case and its outcome, coverage, egress, the verdict. */
const verdictOf = (summary: RunSummary) => ({
  verdict: summary.verdict,
  partial: summary.partial,
  counts: summary.counts,
  failedCheckIds: summary.failedCheckIds,
  missingEvidence: summary.missingEvidence,
  checks: summary.checks.map((c) => `${c.case}: ${c.outcome}`).sort(),
  coverage: summary.coverage,
  egress: summary.egress,
  runsOnAtlassian: summary.runsOnAtlassian,
});

test('two shards of the sample app merge into the run the unsharded one is: same cases, same outcomes, same coverage and egress', async () => {
  const out = test.info().outputPath('reports');
  const whole = forgeConformance('run', SAMPLE_APP, '--out', join(out, 'whole'));
  expect(whole.code, whole.output.slice(-1500)).toBe(0);
  const shards = [1, 2].map((i) => forgeConformance('run', SAMPLE_APP, '--shard', `${i}/2`, '--out', join(out, `shard-${i}`)));
  for (const shard of shards) {
    expect(shard.summary!.verdict).toBe('partial');
    // Each shard ran some of the checks, and no shard ran them all.
    expect(shard.summary!.checks.length).toBeLessThan(whole.summary!.checks.length);
  }
  const merged = forgeConformance('merge', shards[1]!.runDir!, shards[0]!.runDir!, '--out', join(out, 'merged'));
  expect(merged.code, merged.output.slice(-1500)).toBe(0);
  expect(merged.output).toContain('✔ employee-directory is conformant');
  expect(verdictOf(merged.summary!)).toEqual(verdictOf(whole.summary!));
  // One JUnit file and one HTML report for the whole run, from Playwright's own merge.
  const junit = readFileSync(join(merged.runDir!, 'junit.xml'), 'utf8');
  expect(junit.match(/<testcase /g)).toHaveLength(readFileSync(join(whole.runDir!, 'junit.xml'), 'utf8').match(/<testcase /g)!.length);
  expect(readFileSync(join(merged.runDir!, 'certificate.md'), 'utf8')).toContain('**Verdict: conformant ✔**');
  expect(readFileSync(join(merged.runDir!, 'html/index.html'), 'utf8').length).toBeGreaterThan(1000);
});

test('shards that do not make one run are refused in one sentence: a shard missing, a whole run, another app', async () => {
  const out = test.info().outputPath('reports');
  const first = forgeConformance('run', MINIMAL_APP, '--shard', '1/2', '--out', join(out, 'first'));
  const second = forgeConformance('run', MINIMAL_APP, '--shard', '2/2', '--out', join(out, 'second'));
  const whole = forgeConformance('run', MINIMAL_APP, '--out', join(out, 'whole'));
  const refused = (run: ReturnType<typeof forgeConformance>, phrase: string) => {
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(phrase);
  };
  refused(forgeConformance('merge', first.runDir!, '--out', join(out, 'm1')), 'shard 2 of 2 is missing: merge every shard');
  refused(forgeConformance('merge', first.runDir!, whole.runDir!, '--out', join(out, 'm2')), 'is not a shard');
  refused(forgeConformance('merge', first.runDir!, first.runDir!, '--out', join(out, 'm3')), 'shard 1/2 is given twice');
  refused(forgeConformance('merge', join(out, 'nothing-here'), '--out', join(out, 'm4')), 'has no summary.json');
  refused(
    forgeConformance('merge', first.runDir!, second.runDir!, '--app', SAMPLE_APP, '--out', join(out, 'm5')),
    'manifest.yml is not the one the shards ran',
  );
  // A shard's observations that are not what the shard wrote are refused, not merged as evidence.
  const tampered = copyOf(second.runDir!, join(out, 'tampered'));
  writeFileSync(join(tampered, 'traffic.json'), '{"not": "a list"}');
  refused(forgeConformance('merge', first.runDir!, tampered, '--out', join(out, 'm7')), 'traffic.json is not the list of records `run --shard` writes');
  // The complete set merges.
  expect(forgeConformance('merge', first.runDir!, second.runDir!, '--out', join(out, 'm6')).summary!.verdict).toBe('conformant');
  expect(forgeConformance('run', MINIMAL_APP, '--shard', '3/2').stderr).toContain('--shard takes i/n with 1 ≤ i ≤ n ≤ 64');
  expect(forgeConformance('certify', MINIMAL_APP, '--shard', '1/2').stderr).toContain('shard with `run --shard i/n`, then `merge`');
});
