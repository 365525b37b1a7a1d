/**
 * The hostile-input corpus (src/hostile) against the sample app on the embedded stack: inputs per
 * second, p50/p99 and the slowest refusal, against the same corpus answered by a bare HTTP server
 * that refuses everything with a 403 (the floor: the cost of HTTP alone), in the same run, in
 * alternating rounds so machine noise falls on both.
 *
 *   npm run bench -- hostile
 */
import { join } from 'node:path';
import { serve } from '../src/platform/http/listen';
import { startEcho } from '../src/platform/proxy/echo-upstream';
import { CATEGORIES } from '../src/hostile/corpus';
import { hostileContext } from '../src/hostile/hostile-context';
import { sendCorpus, type Answer } from '../src/hostile/send-corpus';
import { startEmbeddedStack } from '../src/stack/embedded';
import { percentile } from './stats';

const APP = join(import.meta.dirname, '../fixtures/apps/employee-directory');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const canary = await startEcho();
await using stack = await startEmbeddedStack({ app: APP });
const ctx = await hostileContext(stack, canary.host);
const corpus = CATEGORIES.flatMap(({ generate }) => generate(ctx));
const floor = await serve('floor', (request, response) => {
  request.resume();
  response.writeHead(403, { 'content-type': 'application/json' }).end('{"code":403}');
});
const floorUrls = { gateway: floor.url, auth: floor.url, admin: floor.url, proxy: floor.url };

const timed = async (urls: Record<'gateway' | 'auth' | 'admin' | 'proxy', string>) => {
  const started = performance.now();
  const answers = await sendCorpus(corpus, urls);
  return { seconds: (performance.now() - started) / 1000, answers };
};
const platformRuns: { seconds: number; answers: Answer[] }[] = [];
const floorRuns: { seconds: number; answers: Answer[] }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  floorRuns.push(await timed(floorUrls));
  platformRuns.push(await timed(stack.urls));
}
await floor.stop();
await canary.close();

const summary = (runs: typeof platformRuns) => {
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const latencies = runs.flatMap((r) => r.answers.map((a) => a.ms));
  const slowest = runs.flatMap((r) => r.answers.map((a, i) => ({ ms: a.ms, name: corpus[i]!.name }))).sort((a, b) => b.ms - a.ms)[0]!;
  return { perSecond: corpus.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), slowest };
};
const platform = summary(platformRuns);
const bare = summary(floorRuns);
const row = (name: string, s: typeof platform) =>
  `  ${name.padEnd(30)} ${s.perSecond.toFixed(0).padStart(6)} inputs/s   p50 ${s.p50.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms   slowest ${s.slowest.ms.toFixed(0)} ms (${s.slowest.name.slice(0, 60)})`;
console.log(`${corpus.length} hostile inputs, 16 in flight, median of ${ROUNDS} rounds`);
console.log(row('bare server refusing all', bare));
console.log(row('the emulated platform', platform));
console.log(`  platform / floor: ${(bare.perSecond / platform.perSecond).toFixed(2)}× the time; canary reached ${canary.received.length} times`);
const fiveHundreds = platformRuns.flatMap((r) => r.answers).filter((a) => a.kind === 'answered' && a.status === 500).length;
if (fiveHundreds || canary.received.length) process.exitCode = 1;
