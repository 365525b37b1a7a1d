/**
 * Image builds and time to a ready stack around the sample app, same run: the image check when
 * nothing changed (goal ≤ 2 s) and after a harness change; the embedded target, the containers
 * target cold (every image layer built from nothing) and warm (images cached). Ready means every
 * component answers and the app's container service is up. Goal: warm containers stack ≤ 3 s.
 *
 *   npm run bench -- stack
 */
import { join } from 'node:path';
import { startContainersStack } from '../src/stack/containers/containers-stack';
import { docker } from '../src/stack/containers/docker';
import { ensurePlatformImage } from '../src/stack/containers/platform-image';
import { startEmbeddedStack } from '../src/stack/embedded';
import type { Stack } from '../src/stack/stack';
import { median } from './stats';

const APP = join(import.meta.dirname, '../fixtures/apps/employee-directory');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function timeToReady(start: () => Promise<Stack>): Promise<number> {
  const started = performance.now();
  const stack = await start();
  const ms = performance.now() - started;
  await stack.stop();
  return ms;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// Cold: without any of the three image layers, so the first start builds them all.
const built = await ensurePlatformImage();
docker(['rmi', '-f', built.tag, built.baseTag, ...docker(['images', '-q', 'forge-conformance/platform-packages']).split('\n').filter(Boolean)]);
const cold = await timeToReady(() => startContainersStack({ app: APP }));
// A harness change: only the bundle layer is missing.
docker(['rmi', '-f', (await ensurePlatformImage()).tag]);
const harnessChanged = (await ensurePlatformImage()).ms;
const cached: number[] = [];
const warm: number[] = [];
const embedded: number[] = [];
for (let i = 0; i < RUNS; i++) {
  cached.push((await ensurePlatformImage()).ms);
  embedded.push(await timeToReady(() => startEmbeddedStack({ app: APP })));
  warm.push(await timeToReady(() => startContainersStack({ app: APP })));
}
console.log(`images (median of ${RUNS}; rebuilds once)`);
console.log(`  nothing changed         ${seconds(median(cached))} (goal ≤ 2 s)`);
console.log(`  harness changed         ${seconds(harnessChanged)} (bundle layer rebuilt)`);
console.log(`time to a ready stack around the sample app (median of ${RUNS}; cold once)`);
console.log(`  embedded                ${seconds(median(embedded))}`);
console.log(`  containers, cold        ${seconds(cold)} (every image layer built)`);
console.log(`  containers, warm        ${seconds(median(warm))} (goal ≤ 3 s); ${(median(warm) / median(embedded)).toFixed(1)}× embedded`);
