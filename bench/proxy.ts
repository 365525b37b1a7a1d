/**
 * Throughput and p50 latency through the egress proxy (its own process, authorization, live
 * invocation check, @forge/egress allow-list, streaming forward, traffic log) versus straight to
 * the same loopback upstream, and versus a bare Node pipe-through proxy in a process of its own
 * (no checks: the floor any proxy pays), in the same run: a small GET and a 1 MB POST, at 8
 * requests in flight (latency-bound) and 64 (saturated: the throughput the goal is about).
 * Goal: ≥ 0.9× the bare proxy's throughput.
 *
 *   npm run bench -- proxy
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { newControlKey } from '../src/platform/http/control-key';
import { profileWith } from '../src/platform/profile';
import { ProxyProcess } from '../src/platform/roles/proxy-process';
import { bundledEntry } from '../src/platform/process-entries';
import { buildDist, DIST } from '../src/build/build-dist';
import { percentile, ratioText, roundsSummary } from './stats';
import { appUuid, developmentEnvironmentId } from '../src/platform/model';
import { tokenSha256 } from '../src/platform/invocation/caller-token';
import { tokenPlaces } from '../src/platform/invocation/token-search';

const MB = Buffer.alloc(1024 * 1024, 'x');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
type Rate = { rps: number; p50: number };

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
// The proxy process as the built CLI starts it (dist/platform.mjs, bundled), built afresh from these sources first.
await buildDist();
const proxy = await ProxyProcess.start(
  { appDir, profile, upstreams: [], services: {}, controlKey: newControlKey() },
  { entry: bundledEntry('platform', DIST) },
);
const appId = appUuid(appAri)!;
// Two live invocations: one with no caller's token, and one with a token to search for (as every
// route call has), so each request of it is searched, header, target and body.
for (const [invocationId, callerTokenSha256] of [
  ['bench', undefined],
  ['bench-caller', tokenSha256('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl')],
] as const)
  await proxy.startInvocation({
    invocationId,
    appId,
    envId: developmentEnvironmentId(appId),
    installationId: 'i',
    cloudId: 'c',
    product: 'jira',
    routeKey: 'r',
    accountId: undefined,
    callerTokenSha256,
  });

// The floor: a proxy that only pipes /proxy/<host>/<path> through to http://<host>/<path>, with keep-alive upstream.
const BARE_PROXY = `
import { createServer, request, Agent } from 'node:http';
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const server = createServer((req, res) => {
  const [, , host, ...path] = req.url.split('/');
  const [hostname, port] = host.split(':');
  const { host: _host, ...headers } = req.headers;
  const out = request({ hostname, port, path: '/' + path.join('/'), method: req.method, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end());
  req.pipe(out);
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;
const bareProcess = spawn(process.execPath, ['--input-type=module', '-e', BARE_PROXY], { stdio: ['ignore', 'pipe', 'inherit'] });
const [barePort] = (await once(createInterface({ input: bareProcess.stdout! }), 'line')) as [string];
const bareUrl = `http://127.0.0.1:${barePort.split(' ')[1]}`;

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

/** µs a request of the token search (the median of 5 timings of many), on headers as fetch sends them and a body in 64 KB chunks. */
function searchAlone(body: Buffer | undefined): number {
  const sha = tokenSha256('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl');
  const headers = {
    host: host,
    connection: 'keep-alive',
    'forge-proxy-authorization': 'Forge as=app,id=bench-caller',
    accept: '*/*',
    'accept-language': '*',
    'sec-fetch-mode': 'cors',
    'user-agent': 'node',
    'accept-encoding': 'gzip, deflate',
    ...(body && { 'content-length': String(body.length) }),
  };
  const chunks = body ? Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536)) : undefined;
  const request = { headers, target: `/proxy/${host}/data`, ...(chunks && { body: chunks }) };
  const n = body ? 200 : 5000;
  const timings = Array.from({ length: 5 }, () => {
    const started = performance.now();
    for (let i = 0; i < n; i++) tokenPlaces(sha, request);
    return ((performance.now() - started) * 1000) / n;
  });
  return percentile(timings, 50);
}

const auth = { 'forge-proxy-authorization': 'Forge as=app,id=bench' };
const searchedAuth = { 'forge-proxy-authorization': 'Forge as=app,id=bench-caller' };
const cases = [
  { name: 'small GET', init: { method: 'GET' }, total: 6000 },
  { name: '1 MB POST', init: { method: 'POST', body: MB }, total: 480 },
];
console.log('upstream on loopback; proxy in its own process; direct and proxied rounds alternate');
for (const concurrency of [8, 64]) {
  for (const { name, init, total } of cases) {
    await load(`http://${host}/warm`, init, 100, {}, concurrency);
    await load(`${proxy.url}/proxy/${host}/warm`, init, 100, auth, concurrency);
    await load(`${bareUrl}/proxy/${host}/warm`, init, 100, {}, concurrency);
    // The ratios are the medians of each round's pairs.
    const rounds: { direct: Rate; bare: Rate; proxied: Rate; searched: Rate }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const direct = await load(`http://${host}/data`, init, total / ROUNDS, {}, concurrency);
      const viaBare = () => load(`${bareUrl}/proxy/${host}/data`, init, total / ROUNDS, {}, concurrency);
      const viaProxy = () => load(`${proxy.url}/proxy/${host}/data`, init, total / ROUNDS, auth, concurrency);
      const viaSearching = () => load(`${proxy.url}/proxy/${host}/data`, init, total / ROUNDS, searchedAuth, concurrency);
      // Each round starts with another of the three, so drift and noise fall on all alike.
      const order = [viaBare, viaProxy, viaSearching];
      const measured = new Map<unknown, Rate>();
      for (let i = 0; i < 3; i++) {
        const run = order[(round + i) % 3]!;
        measured.set(run, await run());
      }
      const [bare, proxied, searched] = [measured.get(viaBare)!, measured.get(viaProxy)!, measured.get(viaSearching)!];
      rounds.push({ direct, bare, proxied, searched });
    }
    const median = (pick: (r: (typeof rounds)[number]) => number) => percentile(rounds.map(pick), 50);
    const spread = (pick: (r: (typeof rounds)[number]) => number) => ratioText(roundsSummary(rounds.map(pick)));
    const mean = (pick: (r: (typeof rounds)[number]) => Rate): Rate => ({
      rps: rounds.reduce((sum, r) => sum + pick(r).rps, 0) / ROUNDS,
      p50: rounds.reduce((sum, r) => sum + pick(r).p50, 0) / ROUNDS,
    });
    const [direct, bare, proxied] = [mean((r) => r.direct), mean((r) => r.bare), mean((r) => r.proxied)];
    const rate = (r: Rate) => `${r.rps.toFixed(0).padStart(5)} req/s p50 ${r.p50.toFixed(2).padStart(6)} ms`;
    console.log(
      `  ${String(concurrency).padStart(2)} in flight, ${name.padEnd(10)} direct ${rate(direct)} | bare proxy ${rate(bare)} | proxy ${rate(proxied)} | proxy/bare ${spread((r) => r.proxied.rps / r.bare.rps)}, bare/direct ${(bare.rps / direct.rps).toFixed(2)}×`,
    );
    console.log(
      `      with the caller's token searched for: ${rate(mean((r) => r.searched))}, its cost ${((1 - median((r) => r.searched.rps / r.proxied.rps)) * 100).toFixed(1)}% of the proxy's throughput (goal ≤ 5%)`,
    );
    // The same search timed alone, on the request as the proxy sees it: steadier than a difference of two noisy throughputs.
    const searchUs = searchAlone(init.method === 'POST' ? MB : undefined);
    console.log(
      `      the search alone: ${searchUs.toFixed(1)} µs a request, ${((searchUs / (1e6 / proxied.rps)) * 100).toFixed(1)}% of the proxy's time a request (1 / its throughput)`,
    );
  }
}
console.log('  goal: proxy throughput ≥ 0.9× the bare proxy');
await proxy.stop();
bareProcess.kill();
upstream.close();
rmSync(appDir, { recursive: true, force: true });
