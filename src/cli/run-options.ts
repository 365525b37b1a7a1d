/** The options `run` and `certify` share, and their readings (`run --watch` reads them too). */
import { parseCommandLine, UsageError } from './command';

export const RUN_OPTIONS = {
  target: { type: 'string' },
  grep: { type: 'string' },
  shard: { type: 'string' },
  remote: { type: 'string' },
  workers: { type: 'string' },
  upstreams: { type: 'string', multiple: true },
  variables: { type: 'string' },
  out: { type: 'string' },
  watch: { type: 'boolean' },
  /** certify only: the app suite's mutation score on the certificate. */
  mutants: { type: 'boolean' },
} as const;

export type RunValues = ReturnType<typeof parseCommandLine<typeof RUN_OPTIONS>>['values'];

/** `--shard i/n`: this machine's part of the matrix, as Playwright splits it. */
export function shardOption(value: string | undefined): { index: number; total: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, total] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || total < 1 || total > 64 || index < 1 || index > total)
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n ≤ 64, like --shard 1/2 (not "${value}")`);
  return { index, total };
}

/** `--workers`: a whole number from 1 to 64, or the runner's default. */
export function workersOption(value: string | undefined): number | undefined {
  const workers = value === undefined ? undefined : Number(value);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) throw new UsageError('--workers takes a whole number from 1 to 64');
  return workers;
}
