/**
 * Time to a ready stack around the sample app, same run: the embedded target, the containers
 * target cold (base image built from nothing) and warm (image cached). Ready means every
 * component answers and the app's container service is up. Goal: warm containers stack ≤ 3 s.
 *
 *   npm run bench -- stack
 */
import { join } from 'node:path';
import { ensureBaseImage } from '../src/stack/containers/base-image';
import { startContainersStack } from '../src/stack/containers/containers-stack';
import { docker } from '../src/stack/containers/docker';
import { startEmbeddedStack } from '../src/stack/embedded';
import type { Stack } from '../src/stack/stack';

const APP = join(import.meta.dirname, '../fixtures/apps/employee-directory');
const UPSTREAMS = [join(import.meta.dirname, '../fixtures/upstreams')];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function timeToReady(start: () => Promise<Stack>): Promise<number> {
  const started = performance.now();
  const stack = await start();
  const ms = performance.now() - started;
  await stack.stop();
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// Cold: without the image, so the first start builds it.
const { tag } = ensureBaseImage();
docker(['rmi', '-f', tag]);
const cold = await timeToReady(() => startContainersStack({ app: APP, upstreams: UPSTREAMS }));
const warm: number[] = [];
const embedded: number[] = [];
for (let i = 0; i < RUNS; i++) {
  embedded.push(await timeToReady(() => startEmbeddedStack({ app: APP, upstreams: UPSTREAMS })));
  warm.push(await timeToReady(() => startContainersStack({ app: APP, upstreams: UPSTREAMS })));
}
console.log(`time to a ready stack around the sample app (median of ${RUNS}; cold once)`);
console.log(`  embedded                ${(median(embedded) / 1000).toFixed(2)} s`);
console.log(`  containers, cold        ${(cold / 1000).toFixed(2)} s (image built)`);
console.log(`  containers, warm        ${(median(warm) / 1000).toFixed(2)} s (goal ≤ 3 s); ${(median(warm) / median(embedded)).toFixed(1)}× embedded`);
