/** The built CLI as a user runs it (bin/, which turns on Node's compile cache), timed from spawn to exit. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HARNESS_ROOT } from '../src/common/harness-root';

export const BIN = join(HARNESS_ROOT, 'bin/forge-conformance.js');

/** Runs `forge-conformance <args>` to its end; an exit status other than `expected` is an error with the end of its output. */
export function timeCli(args: string[], expected = 0): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: HARNESS_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== expected)
    throw new Error(`forge-conformance ${args.join(' ')} exited ${result.status}: ${(result.stderr || result.stdout).slice(-500)}`);
  return performance.now() - started;
}
