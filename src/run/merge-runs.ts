/**
 * `forge-conformance merge`: the run folders of one run's shards (`run --shard i/n` on several CI
 * machines) put together into the folder the unsharded run would have written: Playwright's own
 * merge of the shards' blob reports (HTML, JUnit, the JSON the checks are read from), and the
 * summary and certificate from every shard's observations together.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { loadApp } from '../app/load-app';
import { HARNESS_ROOT, PLAYWRIGHT_CLI } from '../common/harness-root';
import type { CallObservation } from '../platform/gateway/observation-log';
import { DEFAULT_PROFILE } from '../platform/profile';
import type { TrafficEntry } from '../platform/proxy/traffic-log';
import type { EventEntry } from '../platform/events/event-log';
import type { SqlEntry } from '../platform/sql/sql-log';
import type { StorageEntry } from '../platform/storage/storage-log';
import { outcomesFromReport } from '../report/check-outcomes';
import type { RunSummary } from '../report/summary';
import type { RunResult } from './conformance-run';
import { manifestSha256, writeRunFolder } from './run-folder';
import { withoutRunnerState } from './runner-environment';

/** Shard folders that cannot be merged; the message says which and why. */
export class MergeError extends AppLoadError {
  override name = 'MergeError';
}

interface Shard {
  dir: string;
  summary: RunSummary;
  index: number;
  total: number;
}

function readShard(dir: string): Shard {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) throw new MergeError(`${dir} has no summary.json: give the run folders that \`run --shard i/n\` wrote`);
  let summary: RunSummary;
  try {
    summary = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
  } catch {
    throw new MergeError(`${file} is not JSON: give the run folders that \`run --shard i/n\` wrote`);
  }
  const shard = /^--shard (\d+)\/(\d+)$/.exec(summary?.tool === 'forge-conformance' && typeof summary.partial === 'string' ? summary.partial : '');
  if (!shard)
    throw new MergeError(
      `${dir} is not a shard's run folder (${summary?.partial ? `it ran ${summary.partial}` : 'it is a whole run'}): merge the folders of \`run --shard i/n\``,
    );
  return { dir, summary, index: Number(shard[1]), total: Number(shard[2]) };
}

/** Reads a shard's observations, written beside its summary (run-folder.ts). */
function observations<T>(shard: Shard, name: string): T[] {
  const file = join(shard.dir, name);
  if (!existsSync(file)) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    value = undefined;
  }
  // A shard folder comes from another machine: what is not a list of records is no evidence to merge.
  if (!Array.isArray(value) || !value.every((e) => typeof e === 'object' && e !== null))
    throw new MergeError(`${file} is not the list of records \`run --shard\` writes: merge the folders as the shards left them`);
  return value as T[];
}

export interface MergeOptions {
  shardDirs: string[];
  /** The app, when it is not where the shards found it (another machine's checkout). */
  appDir?: string;
  reportsDir?: string;
  version: string;
}

export async function mergeRuns(options: MergeOptions): Promise<RunResult> {
  const shards = options.shardDirs.map((dir) => readShard(resolve(dir))).sort((a, b) => a.index - b.index);
  const [first] = shards;
  if (!first) throw new MergeError('no shard folders given');
  const total = first.total;
  const indices = shards.map((s) => s.index);
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !indices.includes(i));
  if (shards.some((s) => s.total !== total))
    throw new MergeError(`the shards are of different splits (${shards.map((s) => `${s.index}/${s.total}`).join(', ')})`);
  if (new Set(indices).size !== indices.length) throw new MergeError(`shard ${indices.find((i, n) => indices.indexOf(i) !== n)}/${total} is given twice`);
  if (missing.length) throw new MergeError(`shard ${missing.join(', ')} of ${total} is missing: merge every shard's folder`);
  const sha = first.summary.app.manifestSha256;
  const other = shards.find((s) => s.summary.app.manifestSha256 !== sha || s.summary.target !== first.summary.target);
  if (other) throw new MergeError(`${other.dir} ran another manifest.yml or target than ${first.dir}: merge the shards of one run`);

  const appDir = options.appDir ?? first.summary.app.dir;
  if (!existsSync(appDir)) throw new MergeError(`the app is not at ${appDir} on this machine: give its folder with --app`);
  const app = loadApp(appDir);
  if (manifestSha256(app) !== sha) throw new MergeError(`${appDir}/manifest.yml is not the one the shards ran: give the same app with --app`);

  const started = Math.min(...shards.map((s) => Date.parse(s.summary.startedAt)));
  const ended = Math.max(...shards.map((s) => Date.parse(s.summary.startedAt) + s.summary.durationMs));
  const runId = `${basename(app.dir)}-merged-${new Date(started).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
  const runDir = resolve(options.reportsDir ?? join(HARNESS_ROOT, 'reports'), runId);
  mkdirSync(runDir, { recursive: true });

  // The shard that took the certificate's screenshots (or said why not) hands them on.
  for (const shard of shards) {
    const shots = join(shard.dir, 'screenshots');
    if (existsSync(shots)) cpSync(shots, join(runDir, 'screenshots'), { recursive: true, force: false });
  }
  const ranPlatform = first.summary.lint.errors === 0;
  const checks = ranPlatform ? outcomesFromReport(mergeBlobReports(shards, runDir)) : undefined;
  const summary = writeRunFolder(runDir, {
    app,
    runId,
    version: options.version,
    startedAt: new Date(started).toISOString(),
    durationMs: ended - started,
    target: first.summary.target,
    envId: first.summary.app.envId,
    forgePackages: first.summary.forgePackages,
    variables: first.summary.variables,
    waivers: first.summary.waivers,
    expectedEgress: first.summary.egress.expected ?? {},
    findings: first.summary.lint.findings,
    partial: null,
    ...(checks && {
      platform: {
        checks,
        calls: shards.flatMap((s) => observations<CallObservation>(s, 'calls.json')),
        traffic: shards.flatMap((s) => observations<TrafficEntry>(s, 'traffic.json')),
        storage: shards.flatMap((s) => observations<StorageEntry>(s, 'storage.json')),
        events: shards.flatMap((s) => observations<EventEntry>(s, 'events.json')),
        sql: shards.flatMap((s) => observations<SqlEntry>(s, 'sql.json')),
        profile: first.summary.profile,
      },
    }),
    defaultProfile: DEFAULT_PROFILE,
  });
  return { summary, runDir };
}

/** Playwright's merge-reports over every shard's blob: writes HTML and JUnit into the run folder, returns the merged JSON report. */
function mergeBlobReports(shards: Shard[], runDir: string): { suites: never[] } {
  const blobs = mkdtempSync(join(tmpdir(), 'forge-conformance-merge-'));
  try {
    for (const shard of shards) {
      const dir = join(shard.dir, 'blob');
      const zips = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.zip')) : [];
      if (!zips.length) throw new MergeError(`${shard.dir} has no blob report (blob/*.zip): was it written by \`run --shard ${shard.index}/${shard.total}\`?`);
      for (const zip of zips) copyFileSync(join(dir, zip), join(blobs, `${shard.index}-${zip}`));
    }
    const merged = spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'merge-reports', '--config', join(HARNESS_ROOT, 'playwright.config.ts'), blobs], {
      cwd: HARNESS_ROOT,
      encoding: 'utf8',
      env: { ...withoutRunnerState({ ...process.env }), FORGE_CONFORMANCE_RUN_DIR: runDir, PLAYWRIGHT_HTML_OPEN: 'never' },
    });
    const report = join(runDir, 'results.json');
    if (merged.status !== 0 || !existsSync(report))
      throw new MergeError(
        `Playwright could not merge the shards' blob reports: ${(merged.stderr || merged.stdout).trim().split('\n').at(-1) ?? `exit ${merged.status}`}`,
      );
    return JSON.parse(readFileSync(report, 'utf8')) as { suites: never[] };
  } finally {
    rmSync(blobs, { recursive: true, force: true });
  }
}
