/**
 * Latency of a Key-Value Store get and set through the platform, as a handler's @forge/kvs makes
 * them (to the egress proxy, which checks the live invocation, names its installation and serves
 * the call from its node:sqlite store), against the same operation on a bare loopback HTTP
 * server in front of node:sqlite, in the same run. Goal: ≤ 1.5× at p50.
 *
 *   npm run bench -- services
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { readJsonObject } from '../src/platform/http/body';
import { serve } from '../src/platform/http/listen';
import { PROXY_AUTHORIZATION, proxyAuthorization } from '../src/platform/invocation/wire-names';
import { ProxyClient } from '../src/platform/proxy/proxy-client';
import { harnessInvocation } from '../src/stack/clients/harness-invocation';
import { controlKeyOf } from '../src/stack/connect';
import { startEmbeddedStack } from '../src/stack/embedded';
import { ms, percentile, timeSequential } from './stats';
import { HARNESS_ROOT } from '../src/common/harness-root';

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
const VALUE = { name: 'Ada Lovelace', title: 'Analyst', department: 'Engineering', tags: ['a', 'b', 'c'] };

await using stack = await startEmbeddedStack({ app: join(HARNESS_ROOT, 'fixtures/apps/kvs-probe') });
const tenant = await stack.admin.createTenant();
const invocationId = randomUUID();
await new ProxyClient(stack.urls.proxy, controlKeyOf(stack)).startInvocation(harnessInvocation(stack, tenant, invocationId, { routeKey: 'storage-probe' }));
const headers = { [PROXY_AUTHORIZATION]: proxyAuthorization(invocationId), 'content-type': 'application/json' };

// The baseline: the same two operations, a bare server in front of node:sqlite, no checks.
const db = new DatabaseSync(':memory:');
db.exec('CREATE TABLE kvs (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID');
const bare = await serve('bare', async (request, response) => {
  const body = await readJsonObject(request);
  if (request.url === '/set') {
    db.prepare('INSERT INTO kvs VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(
      String(body.key),
      JSON.stringify(body.value),
      Date.now(),
    );
    response.writeHead(204).end();
    return;
  }
  const row = db.prepare('SELECT key, value FROM kvs WHERE key = ?').get(String(body.key)) as { key: string; value: string } | undefined;
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ key: row?.key, value: row && JSON.parse(row.value) }));
});

const call = (url: string, extra: Record<string, string>, body: unknown, expected: number) => async () => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });
  if (response.status !== expected) throw new Error(`${url} answered ${response.status}`);
  await response.arrayBuffer();
};
const operations = {
  set: {
    platform: call(`${stack.urls.proxy}/platform/kvs/api/v1/set`, headers, { key: 'employee:1', value: VALUE }, 204),
    bare: call(`${bare.url}/set`, {}, { key: 'employee:1', value: VALUE }, 204),
  },
  get: {
    platform: call(`${stack.urls.proxy}/platform/kvs/api/v1/get`, headers, { key: 'employee:1' }, 200),
    bare: call(`${bare.url}/get`, {}, { key: 'employee:1' }, 200),
  },
};

console.log(`${COUNT} sequential calls each, one key of the kvs probe's installation`);
for (const [name, { platform, bare: baseline }] of Object.entries(operations)) {
  // Interleaved in rounds so machine noise falls on both alike.
  const platformSamples: number[] = [];
  const bareSamples: number[] = [];
  for (let round = 0; round < 4; round++) {
    bareSamples.push(...(await timeSequential(COUNT / 4, 100, baseline)));
    platformSamples.push(...(await timeSequential(COUNT / 4, 100, platform)));
  }
  const ratio = (p: number) => (percentile(platformSamples, p) / percentile(bareSamples, p)).toFixed(2);
  console.log(
    `  KVS ${name.padEnd(4)} through the platform p50 ${ms(percentile(platformSamples, 50))} | bare sqlite server p50 ${ms(percentile(bareSamples, 50))} | platform/bare p50 ${ratio(50)}×  p99 ${ratio(99)}×  (goal ≤ 1.5× at p50)`,
  );
}
await bare.stop();
db.close();
