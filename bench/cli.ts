/**
 * The CLI's own cost, whole commands as a user runs them, each against `node -e 0` (Node's own
 * start-up, the floor) in the same run: `--version`, `lint` of the minimal app, and a full `run`
 * of it (15 checks). Goals: ≤ 0.15 s, ≤ 0.5 s and ≤ 2.5 s.
 *
 *   npm run bench -- cli
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN } from './cli-process';
import { percentile } from './stats';
import { HARNESS_ROOT } from '../src/common/harness-root';

const MINIMAL = join(HARNESS_ROOT, 'fixtures/apps/minimal');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

const commands: { name: string; args: string[]; goalMs: number; rounds: number }[] = [
  { name: 'node -e 0 (the floor)', args: ['-e', '0'], goalMs: 0, rounds: ROUNDS },
  { name: 'forge-conformance --version', args: [BIN, '--version'], goalMs: 150, rounds: ROUNDS },
  { name: 'forge-conformance lint minimal', args: [BIN, 'lint', MINIMAL], goalMs: 500, rounds: ROUNDS },
  {
    name: 'forge-conformance run minimal',
    args: [BIN, 'run', MINIMAL, '--out', join(HARNESS_ROOT, 'reports/bench')],
    goalMs: 2500,
    rounds: Math.min(ROUNDS, 3),
  },
];

const time = (args: string[]) => {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: HARNESS_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  return performance.now() - started;
};

// One unmeasured run of each (the first build of dist/, disk caches), then the rounds interleaved.
for (const command of commands) time(command.args);
const samples = new Map(commands.map((c) => [c.name, [] as number[]]));
for (let round = 0; round < ROUNDS; round++) {
  for (const command of commands) if (round < command.rounds) samples.get(command.name)!.push(time(command.args));
}

const floor = percentile(samples.get(commands[0]!.name)!, 50);
console.log(`median of ${ROUNDS} runs (run: ${Math.min(ROUNDS, 3)}), Node ${process.version}`);
for (const command of commands) {
  const median = percentile(samples.get(command.name)!, 50);
  const goal = command.goalMs ? `   goal ≤ ${command.goalMs} ms: ${median <= command.goalMs ? 'met' : 'not met'}` : '';
  console.log(`  ${command.name.padEnd(34)} ${median.toFixed(0).padStart(6)} ms   ${(median / floor).toFixed(1).padStart(5)}× the floor${goal}`);
}
