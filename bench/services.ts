/**
 * Latency of a Key-Value Store get and set and a custom entity query of one page through the
 * platform, as a handler's @forge/kvs makes them (to the egress proxy, which checks the live
 * invocation, names its installation and serves the call from its node:sqlite store), and of a
 * queue push delivered to its consumer (the consumer a function of the app, run by the runtime),
 * each against the same operation on a bare loopback HTTP server in front of node:sqlite, in the
 * same run; and, where MariaDB is installed, a Forge SQL SELECT by key and INSERT against the same
 * statements on a bare server holding a mysql2 connection, and the engine's start. Goal: ≤ 1.5× at p50.
 * Each bare server runs in a process of its own (bare-store.mjs, bare-sql.mjs), as the platform's
 * services do in the proxy's: a server sharing the bench's event loop would answer without the hop
 * between processes that every platform call pays.
 *
 *   npm run bench -- services
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PROXY_AUTHORIZATION, proxyAuthorization } from '../src/platform/invocation/wire-names';
import { ProxyClient } from '../src/platform/proxy/proxy-client';
import { harnessInvocation } from '../src/stack/clients/harness-invocation';
import { controlKeyOf } from '../src/stack/connect';
import { startEmbeddedStack } from '../src/stack/embedded';
import type { Stack } from '../src/stack/stack';
import { ms, percentile, ratioText, roundsRatio } from './stats';
import { HARNESS_ROOT } from '../src/common/harness-root';
import { hasMariaDb, MariaDbEngine } from '../src/platform/sql/mariadb-engine';
import { dockerEngine } from '../src/stack/containers/docker';
import { containerLauncher, ensureSqlImage } from '../src/stack/containers/sql-container';

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const VALUE = { name: 'Ada Lovelace', title: 'Analyst', department: 'Engineering', tags: ['a', 'b', 'c'] };

await using stack = await startEmbeddedStack({ app: join(HARNESS_ROOT, 'fixtures/apps/kvs-probe') });

/**
 * Live invocations on `n` installations of a stack's app. The platform holds each installation to
 * Forge's rates (storage: 1,000 requests a second and 4,000 read units a minute; Forge SQL: 150
 * statements a second), which sequential calls on one installation would pass in a second: the
 * bench measures latency, so its calls take turns among installations, each kept under its rates.
 */
async function installations(on: Stack, n: number, routeKey: string): Promise<Record<string, string>[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const tenant = await on.admin.createTenant();
      const invocationId = randomUUID();
      await new ProxyClient(on.urls.proxy, controlKeyOf(on)).startInvocation(harnessInvocation(on, tenant, invocationId, { routeKey }));
      return { [PROXY_AUTHORIZATION]: proxyAuthorization(invocationId), 'content-type': 'application/json' };
    }),
  );
}
const storageCallers = await installations(stack, 4, 'storage-probe');

// Twenty timesheets of the probe's custom entity on each installation, for a query of one page (ten) of one week.
for (const caller of storageCallers)
  for (let i = 0; i < 20; i++) {
    const set = await fetch(`${stack.urls.proxy}/platform/kvs/api/v1/entity/set`, {
      method: 'POST',
      headers: caller,
      body: JSON.stringify({ entityName: 'timesheet', key: `sheet-${i}`, value: { employee: `e${i}`, week: i % 2, hours: 8 + i } }),
    });
    if (set.status !== 204) throw new Error(`seeding the entity answered ${set.status}`);
  }

// The baseline: the same operations on a bare server in front of node:sqlite, no checks, in a process of its own (bare-store.mjs).
const bare = await barePeer('bare-store.mjs', []);
/** One call, as the next of `extra`'s header sets in turn (one set: always the same). */
const call = (url: string, extra: Record<string, string> | Record<string, string>[], body: unknown, expected: number) => {
  const turns = [extra].flat();
  let turn = 0;
  return async () => {
    const headers = { 'content-type': 'application/json', ...turns[turn++ % turns.length] };
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    if (response.status !== expected) throw new Error(`${url} answered ${response.status}`);
    await response.arrayBuffer();
  };
};
const operations = {
  set: {
    platform: call(`${stack.urls.proxy}/platform/kvs/api/v1/set`, storageCallers, { key: 'employee:1', value: VALUE }, 204),
    bare: call(`${bare.url}/set`, {}, { key: 'employee:1', value: VALUE }, 204),
  },
  get: {
    platform: call(`${stack.urls.proxy}/platform/kvs/api/v1/get`, storageCallers, { key: 'employee:1' }, 200),
    bare: call(`${bare.url}/get`, {}, { key: 'employee:1' }, 200),
  },
  'entity query of one page': {
    platform: call(
      `${stack.urls.proxy}/platform/kvs/api/v1/entity/query`,
      storageCallers,
      { entityName: 'timesheet', indexName: 'week', range: { condition: 'EQUAL_TO', values: [1] }, limit: 10 },
      200,
    ),
    bare: call(`${bare.url}/query`, {}, { week: 1 }, 200),
  },
};

// A push to the queue probe's `work` queue, and the wait until its consumer (a function of the app, in the runtime) has written its key.
await using queues = await startEmbeddedStack({ app: join(HARNESS_ROOT, 'fixtures/apps/queue-probe') });
const pushers = await installations(queues, 4, 'queue-probe');
const push = call(
  `${queues.urls.proxy}/platform/events/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}`,
  pushers,
  {
    queueName: 'work',
    jobId: 'bench',
    type: 'avi:forge:app:event',
    schema: 'ari:cloud:ecosystem::forge/app-event-2',
    payload: [{ body: { record: 'bench:1' } }],
    time: '',
  },
  201,
);
const drain = (url: string, extra: Record<string, string>) => call(url, extra, { timeoutMs: 10_000 }, 200);
Object.assign(operations, {
  'queue push to delivery': {
    platform: async () => {
      await push();
      await drain(`${queues.urls.proxy}/_internal/events/drain`, { 'x-forge-conformance-control-key': controlKeyOf(queues) })();
    },
    bare: async () => {
      await call(`${bare.url}/push`, {}, { body: { record: 'bench:1' } }, 201)();
      await drain(`${bare.url}/drain`, {})();
    },
  },
});

// Forge SQL (where MariaDB is installed): a SELECT by primary key and an INSERT through the platform, against the
// same statements sent by a bare loopback server holding a mysql2 connection to an engine started the same way.
const engineStarts: number[] = [];
const containerStarts: number[] = [];
if (hasMariaDb()) {
  await using ledger = await startEmbeddedStack({ app: join(HARNESS_ROOT, 'fixtures/apps/ledger') });
  const sqlHeaders = await installations(ledger, 8, 'create-entry');
  const DDL = 'CREATE TABLE entries (id BIGINT PRIMARY KEY AUTO_INCREMENT, account VARCHAR(64) NOT NULL, amount_cents BIGINT NOT NULL)';
  const INSERT = 'INSERT INTO entries (account, amount_cents) VALUES (?, ?)';
  const SELECT = 'SELECT id, account, amount_cents FROM entries WHERE id = ?';
  for (const caller of sqlHeaders) {
    await call(`${ledger.urls.proxy}/platform/sql/api/v1/execute/ddl`, caller, { query: DDL, params: [] }, 200)();
    await call(`${ledger.urls.proxy}/platform/sql/api/v1/execute`, caller, { query: INSERT, params: ['cash', 100] }, 200)();
  }
  // The baseline's engine, started as a stack starts its own; its start is timed too (the cost SQL adds to a warm stack).
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const engine = await new MariaDbEngine().start();
    engineStarts.push(performance.now() - started);
    await engine.stop();
  }
  // The containers target's engine: the same start, the server in a container with no network (the image built beforehand, as a warm machine has it).
  if (dockerEngine().reachable) {
    ensureSqlImage();
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const engine = await new MariaDbEngine({ launcher: containerLauncher(`forge-conformance-sql-bench-${process.pid}-${i}`, {}) }).start();
      containerStarts.push(performance.now() - started);
      await engine.stop();
    }
  }
  const engine = await new MariaDbEngine().start();
  const bareSql = await barePeer('bare-sql.mjs', [JSON.stringify(engine.address), DDL]);
  await call(bareSql.url, {}, { query: INSERT, params: ['cash', 100] }, 200)();
  Object.assign(operations, {
    'SQL SELECT by key': {
      platform: call(`${ledger.urls.proxy}/platform/sql/api/v1/execute`, sqlHeaders, { query: SELECT, params: [1] }, 200),
      bare: call(bareSql.url, {}, { query: SELECT, params: [1] }, 200),
    },
    'SQL INSERT': {
      platform: call(`${ledger.urls.proxy}/platform/sql/api/v1/execute`, sqlHeaders, { query: INSERT, params: ['cash', 100] }, 200),
      bare: call(bareSql.url, {}, { query: INSERT, params: ['cash', 100] }, 200),
    },
  });
  await runOperations(Object.fromEntries(Object.entries(operations).filter(([name]) => name.startsWith('SQL'))));
  bareSql.stop();
  await engine.stop();
  console.log(`  SQL engine start (template copied, server up, accounts set) median ${ms(engineStarts.sort((x, y) => x - y)[1]!)} (goal ≤ 1.5 s)`);
  if (containerStarts.length)
    console.log(`  SQL engine start in a container (containers target) median ${ms(containerStarts.sort((x, y) => x - y)[1]!)} (goal ≤ 1.5 s)`);
  else console.log('  (no container row: no Docker engine answers)');
} else console.log('  (no SQL rows: this machine has no MariaDB)');

console.log(`${COUNT} sequential calls each (a quarter for the queue), taking turns among installations of the probes (4 for storage and queues, 8 for SQL)`);
await runOperations(Object.fromEntries(Object.entries(operations).filter(([name]) => !name.startsWith('SQL'))));
bare.stop();

/** A bare baseline server (a `.mjs` beside this file) in a process of its own, up once it prints its port; `stop` ends it. */
async function barePeer(file: string, args: string[]): Promise<{ url: string; stop: () => void }> {
  const child = fork(join(import.meta.dirname, file), args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const [port] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { url: `http://127.0.0.1:${port.trim()}`, stop: () => child.disconnect() };
}

async function runOperations(chosen: Record<string, { platform: () => Promise<void>; bare: () => Promise<void> }>) {
  for (const [name, { platform, bare: baseline }] of Object.entries(chosen)) {
    // A delivery is an invocation of the app's function: fewer, so the run stays short (four installations take turns, each under Forge's 500 events a minute up to BENCH_COUNT 8,000).
    const count = name.startsWith('queue') ? COUNT / 4 : COUNT;
    const r = await roundsRatio(ROUNDS, count / ROUNDS, baseline, platform);
    console.log(
      `  ${name.padEnd(24)} through the platform p50 ${ms(percentile(r.subject, 50))} | bare server p50 ${ms(percentile(r.baseline, 50))} | platform/bare p50 ${ratioText(r)}  (goal ≤ 1.5×: ${r.median <= 1.5 ? 'met' : 'not met'})`,
    );
  }
}
