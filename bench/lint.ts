/**
 * Lint of the sample app, the way a partner runs it: a cold CLI process each time. The baseline
 * in the same run is the same CLI doing nothing (`--version`): Node, tsx and our own start-up.
 * Target: a lint of the sample app within 1 s, wall time.
 *
 *   npm run bench -- lint
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HARNESS_ROOT } from '../src/common/harness-root';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function wallTimes(args: string[]): number[] {
  return Array.from({ length: RUNS }, () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), ...args], { cwd: HARNESS_ROOT, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`forge-conformance ${args.join(' ')} exited ${result.status}`);
    return performance.now() - started;
  });
}

const baseline = median(wallTimes(['--version']));
const lint = median(wallTimes(['lint', 'fixtures/apps/employee-directory']));
console.log(`runs: ${RUNS} each, median wall time`);
console.log(`  forge-conformance --version        ${baseline.toFixed(0)} ms (baseline: process start-up)`);
console.log(`  forge-conformance lint <sample>    ${lint.toFixed(0)} ms (target ≤ 1000 ms)`);
console.log(`  lint / baseline                    ${(lint / baseline).toFixed(2)}×; lint's own work ${(lint - baseline).toFixed(0)} ms`);
process.exitCode = lint <= 1000 ? 0 : 1;
