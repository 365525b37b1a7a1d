/**
 * `mutate` of the sample app as a partner runs it (whole CLI processes), against the baseline of
 * one plain `run` of the same app in the same session: what a mutant costs next to the run it is
 * made of. Goals: at least 4 mutants a minute, and at least 90% of them killed by a failed
 * check or a lint error.
 *
 *   npm run bench -- mutate        (BENCH_JOBS=N for --jobs; default the command's own)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HARNESS_ROOT } from '../src/common/harness-root';
import type { MutationScore } from '../src/report/mutation-score';

const SAMPLE = 'fixtures/apps/employee-directory';
const out = mkdtempSync(join(tmpdir(), 'forge-conformance-bench-mutate-'));

function timed(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), ...args, '--out', out], { cwd: HARNESS_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`forge-conformance ${args.join(' ')} exited ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  return { ms: performance.now() - started, stdout: result.stdout };
}

try {
  const run = timed(['run', SAMPLE]);
  const jobs = process.env.BENCH_JOBS ? ['--jobs', process.env.BENCH_JOBS] : [];
  const mutate = timed(['mutate', SAMPLE, ...jobs]);
  const reportDir = /^Reports: (.+) \(mutation\.json/m.exec(mutate.stdout)![1]!;
  const report = JSON.parse(readFileSync(join(reportDir.startsWith('/') ? '' : HARNESS_ROOT, reportDir, 'mutation.json'), 'utf8')) as MutationScore;
  const ran = report.mutants.length - report.notRun;
  const perMinute = ran / (mutate.ms / 60_000);
  console.log(`  run <sample> (baseline)     ${(run.ms / 1000).toFixed(1)} s: ${(60_000 / run.ms).toFixed(1)} runs a minute`);
  console.log(
    `  mutate <sample>             ${(mutate.ms / 1000).toFixed(1)} s for ${ran} mutants and the app itself: ${perMinute.toFixed(1)} mutants a minute (goal ≥ 4)`,
  );
  console.log(`  a mutant / a run            ${(mutate.ms / (ran + 1) / run.ms).toFixed(2)}× wall (mutants run ${jobs[1] ?? 'up to 2'} at a time)`);
  console.log(`  score                       ${report.score}%: ${report.killed} killed, ${report.warned} warned, ${report.survived} survived (goal ≥ 90%)`);
  process.exitCode = perMinute >= 4 && report.score >= 90 ? 0 : 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
