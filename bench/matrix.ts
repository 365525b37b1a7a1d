/**
 * The conformance run on generated apps of 10, 50 and 100 routes, embedded target: wall time of
 * the whole `forge-conformance run` as a user starts it (lint, stack, suites, reports; the built
 * CLI from bin/, as bench/cli times the minimal app) and checks per second, which must stay flat as
 * the app grows (cost linear in the number of checks). Goals: 1,000 checks ≤ 15 s, the 10-route
 * app ≤ 4 s (the median of three runs; the larger apps run once).
 *
 * The largest app also runs in BENCH_SHARDS shards (2 by default; 1 skips it) and is merged.
 *
 *   npm run bench -- matrix            (BENCH_WORKERS sets the run's workers; 2 by default)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../src/report/summary';
import { timeCli } from './cli-process';
import { percentile } from './stats';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const SIZES = (process.env.BENCH_SIZES ?? '10,50,100').split(',').map(Number);

/** An app with `routes` routes: GET and DELETE pairs on /itemsN/*, one function serving them all. */
function generateApp(routes: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-matrix-${routes}-`));
  mkdirSync(join(dir, 'src'));
  const entries = Array.from({ length: routes }, (_, i) => {
    const del = i % 2 === 1;
    return `    - key: route-${i}\n      path: /items${Math.floor(i / 2)}/*\n      operation: ${del ? 'DELETE' : 'GET'}\n      function: items\n      accept: [application/json]\n      scopes: [${del ? 'delete' : 'read'}:item:custom]\n`;
  });
  writeFileSync(
    join(dir, 'manifest.yml'),
    `app:\n  id: ari:cloud:ecosystem::app/0b0b0b0b-1c1c-4d2d-8e3e-${String(routes).padStart(12, '0')}\n  runtime:\n    name: nodejs22.x\nmodules:\n  apiRoute:\n${entries.join('')}  function:\n    - key: items\n      handler: index.items\n`,
  );
  writeFileSync(
    join(dir, 'custom-scopes.yaml'),
    'version: 1\nscopes:\n  read:item:custom:\n    displayName: Read items\n    description: Read the items.\n  delete:item:custom:\n    displayName: Delete items\n    description: Delete the items.\n',
  );
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-matrix", "private": true, "type": "module" }\n');
  writeFileSync(
    join(dir, 'src/index.ts'),
    "export const items = async (request: { method: string }) => ({ statusCode: request.method === 'DELETE' ? 204 : 200, body: request.method === 'DELETE' ? '' : '{\"items\":[]}' });\n",
  );
  return dir;
}

const SHARDS = Number(process.env.BENCH_SHARDS ?? 2);

/** The one run folder a run wrote under `reports`, and its summary. */
function runFolder(reports: string): { runDir: string; summary: RunSummary } {
  const runDir = join(reports, readdirSync(reports)[0]!);
  return { runDir, summary: JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as RunSummary };
}

const rows: { routes: number; checks: number; seconds: number; times: number[] }[] = [];
let sharded: { shardSeconds: number[]; merge: number; unsharded: number } | undefined;
for (const routes of SIZES) {
  const dir = generateApp(routes);
  const times: number[] = [];
  let checks = 0;
  for (let run = 0; run < (routes <= 10 ? 3 : 1); run++) {
    const reports = mkdtempSync(join(tmpdir(), 'bench-matrix-reports-'));
    times.push(timeCli(['run', dir, '--workers', String(WORKERS), '--out', reports]) / 1000);
    const { summary } = runFolder(reports);
    if (summary.verdict !== 'conformant') throw new Error(`the generated ${routes}-route app failed: ${summary.failedCheckIds.join(', ')}`);
    checks = summary.checks.length;
    rmSync(reports, { recursive: true, force: true });
  }
  const seconds = percentile(times, 50);
  rows.push({ routes, checks, seconds, times });
  if (routes === SIZES.at(-1) && SHARDS > 1) sharded = shardedRun(dir, seconds);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The largest app in SHARDS shards, one after another (on CI each is a machine of its own), then
 * merged: the wall time of the slowest shard plus the merge, against the unsharded run above.
 */
function shardedRun(dir: string, unsharded: number) {
  const reports = mkdtempSync(join(tmpdir(), 'bench-matrix-shards-'));
  const shardSeconds: number[] = [];
  const shardDirs: string[] = [];
  for (let index = 1; index <= SHARDS; index++) {
    const out = join(reports, String(index));
    shardSeconds.push(timeCli(['run', dir, '--workers', String(WORKERS), '--shard', `${index}/${SHARDS}`, '--out', out]) / 1000);
    shardDirs.push(runFolder(out).runDir);
  }
  const merged = join(reports, 'merged');
  const merge = timeCli(['merge', ...shardDirs, '--out', merged]) / 1000;
  const { summary } = runFolder(merged);
  if (summary.verdict !== 'conformant') throw new Error(`the merged shards are ${summary.verdict}`);
  rmSync(reports, { recursive: true, force: true });
  return { shardSeconds, merge, unsharded };
}

console.log(`\nconformance run, embedded target, ${WORKERS} workers`);
console.log('  routes  checks  wall time  checks/s');
for (const { routes, checks, seconds } of rows)
  console.log(
    `  ${String(routes).padStart(6)}  ${String(checks).padStart(6)}  ${seconds.toFixed(1).padStart(7)} s  ${(checks / seconds).toFixed(0).padStart(8)}`,
  );
const last = rows.at(-1)!;
const perThousand = (1000 * last.seconds) / last.checks;
console.log(
  `  extrapolated: 1,000 checks in ${perThousand.toFixed(1)} s (goal ≤ 15 s: ${perThousand <= 15 ? 'met' : 'not met'}); checks/s from smallest to largest app: ${rows.map((r) => (r.checks / r.seconds).toFixed(0)).join(' → ')}`,
);
const ten = rows.find((r) => r.routes === 10);
if (ten)
  console.log(
    `  the 10-route app: ${ten.seconds.toFixed(1)} s, median of ${ten.times.length} runs (${Math.min(...ten.times).toFixed(1)}–${Math.max(...ten.times).toFixed(1)} s) (goal ≤ 4 s: ${ten.seconds <= 4 ? 'met' : 'not met'})`,
  );
if (sharded) {
  const slowest = Math.max(...sharded.shardSeconds);
  console.log(
    `  the ${SIZES.at(-1)}-route app in ${SHARDS} shards: slowest shard ${slowest.toFixed(1)} s (${sharded.shardSeconds.map((x) => x.toFixed(1)).join(', ')}) + merge ${sharded.merge.toFixed(1)} s = ${(slowest + sharded.merge).toFixed(1)} s, ${((slowest + sharded.merge) / sharded.unsharded).toFixed(2)}× the unsharded run`,
  );
}
