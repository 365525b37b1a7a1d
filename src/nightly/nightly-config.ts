/**
 * nightly.yaml: which apps a nightly job checks, on which targets, and where it keeps its
 * history. Every app path is relative to the file.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readConfigFile } from '../app/config-file';
import { isRecord } from '../common/is-record';
import type { StackTarget } from '../stack/stack';

export interface NightlyRunSpec {
  /** The app folder, absolute. */
  app: string;
  target: StackTarget;
  /** The remote target's profile, absolute. */
  remote?: string;
}

export interface NightlyConfig {
  runs: NightlyRunSpec[];
  /** Where each run's summary.json is kept, one folder per app and target (a CI cache restores it). */
  history: string;
  /** Where the run folders and the digest go. */
  out: string;
  /** Playwright retries: a check that fails, then passes on a retry, is reported flaky. */
  retries: number;
}

const TARGETS: readonly StackTarget[] = ['embedded', 'containers', 'remote'];

export function loadNightlyConfig(path: string): NightlyConfig {
  const { data, fail } = readConfigFile(path, { missing: 'give the nightly configuration (docs/ci.md#nightly)' });
  const base = dirname(resolve(path));
  if (!Array.isArray(data.apps) || data.apps.length === 0) throw fail(['apps'], 'must list at least one app: - path: fixtures/apps/x');
  const runs = data.apps.flatMap((entry: unknown, i: number): NightlyRunSpec[] => {
    if (!isRecord(entry) || typeof entry.path !== 'string') throw fail(['apps', i, 'path'], 'is required: the app folder, relative to this file');
    const app = resolve(base, entry.path);
    if (!existsSync(app)) throw fail(['apps', i, 'path'], `names ${app}, which does not exist`);
    const targets = entry.targets ?? ['embedded'];
    if (!Array.isArray(targets) || !targets.every((t) => TARGETS.includes(t as StackTarget)))
      throw fail(['apps', i, 'targets'], `must list targets from ${TARGETS.join(', ')}`);
    if (targets.includes('remote') && typeof entry.remote !== 'string')
      throw fail(['apps', i, 'remote'], 'is required for the remote target: the deployment file');
    return (targets as StackTarget[]).map((target) => ({ app, target, ...(target === 'remote' && { remote: resolve(base, entry.remote as string) }) }));
  });
  const folder = (key: 'history' | 'out', fallback: string) => {
    const value = data[key] ?? fallback;
    if (typeof value !== 'string') throw fail([key], 'must be a folder');
    return resolve(base, value);
  };
  const retries = data.retries ?? 1;
  if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 5) throw fail(['retries'], 'must be a whole number from 0 to 5');
  return { runs, history: folder('history', 'reports/history'), out: folder('out', 'reports/nightly'), retries };
}
