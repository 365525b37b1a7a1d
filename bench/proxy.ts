/**
 * Throughput and p50 latency through the egress proxy (its own process, authorization, live
 * invocation check, @forge/egress allow-list, streaming forward, traffic log) versus straight to
 * the same loopback upstream, in the same run: a small GET and a 1 MB POST, at 8 requests in
 * flight (latency-bound) and 64 (saturated: the throughput the goal is about). Goal: ≥ 0.8×
 * direct throughput.
 *
 *   npm run bench -- proxy
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { newControlKey } from '../src/platform/http/control-key';
import { profileWith } from '../src/platform/profile';
import { ProxyProcess } from '../src/platform/proxy/proxy-process';
import { percentile } from './stats';
import { appUuid, developmentEnvironmentId } from '../src/platform/model';

const MB = Buffer.alloc(1024 * 1024, 'x');

const upstream = createServer((request, response) => {
  request.on('data', () => {});
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
});
await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
const host = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;

// A minimal app whose allow-list names the upstream (with its scheme: see the closing note on ports).
const appDir = mkdtempSync(join(tmpdir(), 'bench-proxy-'));
const appAri = `ari:cloud:ecosystem::app/${randomUUID()}`;
mkdirSync(join(appDir, 'src'));
writeFileSync(
  join(appDir, 'manifest.yml'),
  `app:\n  id: ${appAri}\n  runtime:\n    name: nodejs22.x\nmodules:\n  function:\n    - key: f\n      handler: index.f\npermissions:\n  external:\n    fetch:\n      backend:\n        - https://${host}\n`,
);
// One invocation sends every request, so Forge's 100-a-minute limit is lifted: this measures throughput.
const profile = profileWith({ proxy: { requestsPerInvocationMinute: Number.MAX_SAFE_INTEGER } });
const proxy = await ProxyProcess.start({ appDir, profile, upstreams: [], services: {}, controlKey: newControlKey() });
const appId = appUuid(appAri)!;
await proxy.startInvocation({
  invocationId: 'bench',
  appId,
  envId: developmentEnvironmentId(appId),
  installationId: 'i',
  cloudId: 'c',
  product: 'jira',
  routeKey: 'r',
  accountId: undefined,
  callerTokenSha256: undefined,
});

async function load(url: string, init: RequestInit, total: number, headers: Record<string, string>, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t = performance.now();
        const response = await fetch(url, { ...init, headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { rps: total / ((performance.now() - started) / 1000), p50: percentile(latencies, 50) };
}

const auth = { 'forge-proxy-authorization': 'Forge as=app,id=bench' };
const cases = [
  { name: 'small GET', init: { method: 'GET' }, total: 4000 },
  { name: '1 MB POST', init: { method: 'POST', body: MB }, total: 300 },
];
console.log('upstream on loopback; proxy in its own process; direct and proxied rounds alternate');
for (const concurrency of [8, 64]) {
  for (const { name, init, total } of cases) {
    await load(`http://${host}/warm`, init, 100, {}, concurrency);
    await load(`${proxy.url}/proxy/${host}/warm`, init, 100, auth, concurrency);
    const direct = { rps: 0, p50: 0 };
    const proxied = { rps: 0, p50: 0 };
    for (let round = 0; round < 3; round++) {
      const d = await load(`http://${host}/data`, init, total / 3, {}, concurrency);
      const p = await load(`${proxy.url}/proxy/${host}/data`, init, total / 3, auth, concurrency);
      direct.rps += d.rps / 3;
      direct.p50 += d.p50 / 3;
      proxied.rps += p.rps / 3;
      proxied.p50 += p.p50 / 3;
    }
    console.log(
      `  ${String(concurrency).padStart(2)} in flight, ${name.padEnd(10)} direct ${direct.rps.toFixed(0).padStart(5)} req/s p50 ${direct.p50.toFixed(2).padStart(6)} ms | proxy ${proxied.rps.toFixed(0).padStart(5)} req/s p50 ${proxied.p50.toFixed(2).padStart(6)} ms | throughput ${(proxied.rps / direct.rps).toFixed(2)}×, p50 ${(proxied.p50 / direct.p50).toFixed(2)}× direct`,
    );
  }
}
console.log('  goal: throughput ≥ 0.8× direct');
await proxy.stop();
upstream.close();
rmSync(appDir, { recursive: true, force: true });
