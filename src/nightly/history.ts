/**
 * The nightly history: every run's summary.json, one folder per app and target, named by the
 * run's start so the names sort by time. Any folder a CI cache or artefact store restores will do.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../report/summary';

/** The history's folder for one app on one target. */
export const historyKey = (summary: Pick<RunSummary, 'app' | 'target'>) => `${summary.app.name}-${summary.target}`;

/** The summaries kept for a key, oldest first. */
export function pastSummaries(history: string, key: string): RunSummary[] {
  const dir = join(history, key);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunSummary];
      } catch {
        return []; // a half-restored cache file is no history
      }
    });
}

export function keepSummary(history: string, summary: RunSummary): void {
  const dir = join(history, historyKey(summary));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${summary.startedAt.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(summary)}\n`);
}
