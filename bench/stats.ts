/** Percentiles of a list of samples in milliseconds. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` `count` times one after another, after `warmup` unmeasured runs; returns each duration. */
export async function timeSequential(count: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

export const ms = (value: number) => `${value.toFixed(3)} ms`;

/** The middle sample. */
export const median = (samples: number[]) => percentile(samples, 50);

/** A ratio of a subject's p50 to a baseline's, taken in each of several interleaved rounds. */
export interface RoundsRatio {
  /** The median of the rounds' ratios: what the goal is judged on. */
  median: number;
  low: number;
  high: number;
  rounds: number;
  /** Every sample of each side, for percentiles over the whole run. */
  subject: number[];
  baseline: number[];
}

/**
 * Times `subject` against `baseline` in `rounds` rounds of `perRound` sequential calls each, the
 * two alternating (and each round started by the other of the two in turn), so drift and noise
 * fall on both alike. Each round gives a ratio of the p50s; the goal is judged on their median
 * and the spread is printed beside it, so one noisy round cannot turn a pass into a fail or back.
 */
export async function roundsRatio(
  rounds: number,
  perRound: number,
  baseline: () => Promise<unknown>,
  subject: () => Promise<unknown>,
  warmup = 20,
): Promise<RoundsRatio> {
  const ratios: number[] = [];
  const all = { subject: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['baseline', 'subject'] as const) : (['subject', 'baseline'] as const);
    const p50 = { subject: 0, baseline: 0 };
    for (const side of order) {
      const samples = await timeSequential(perRound, round === 0 ? warmup : 5, side === 'subject' ? subject : baseline);
      all[side].push(...samples);
      p50[side] = median(samples);
    }
    ratios.push(p50.subject / p50.baseline);
  }
  return { ...roundsSummary(ratios), ...all };
}

/** The median, lowest and highest of the rounds' ratios. */
export function roundsSummary(ratios: number[]): Pick<RoundsRatio, 'median' | 'low' | 'high' | 'rounds'> {
  const sorted = [...ratios].sort((a, b) => a - b);
  return { median: median(sorted), low: sorted[0]!, high: sorted.at(-1)!, rounds: ratios.length };
}

/** `1.21× (median of 8 rounds, 1.10–1.35×)`. */
export const ratioText = (r: Pick<RoundsRatio, 'median' | 'low' | 'high' | 'rounds'>) =>
  `${r.median.toFixed(2)}× (median of ${r.rounds} rounds, ${r.low.toFixed(2)}–${r.high.toFixed(2)}×)`;
