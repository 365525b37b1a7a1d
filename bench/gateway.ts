/**
 * Latency of one call through the gateway (HTTP, token verification, routing, enablement,
 * scopes, invocation, response translation) against two baselines in the same run, on the
 * sample app: invoking the same handler on the function runtime directly (IPC only), and the
 * same invocation behind a bare HTTP server that does no checks (same transport as the
 * gateway, so the ratio is the gateway's own cost). Goal: ≤ 1.3× at p50.
 *
 *   npm run bench -- gateway
 */
import { join } from 'node:path';
import { serve } from '../src/platform/http/listen';
import { PRODUCT_SCOPE } from '../src/platform/model';
import { FunctionRuntime } from '../src/platform/runtime/function-runtime';
import { startEmbeddedStack } from '../src/stack/embedded';
import { ms, percentile, ratioText, roundsRatio } from './stats';
import { HARNESS_ROOT } from '../src/common/harness-root';

const APP = join(HARNESS_ROOT, 'fixtures/apps/employee-directory');
const COUNT = Number(process.env.BENCH_COUNT ?? 2000);

await using stack = await startEmbeddedStack({ app: APP });
const tenant = await stack.admin.createTenant();
const { access_token } = await stack.auth.mintToken({
  accountId: tenant.user.accountId,
  cloudId: tenant.site.cloudId,
  scopes: [PRODUCT_SCOPE.jira, 'read:employee:custom'],
});
const url = stack.apiUrl(tenant, '/employees/2');
const viaGateway = async () => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${access_token}` } });
  if (response.status !== 200) throw new Error(`gateway answered ${response.status}`);
  await response.arrayBuffer();
};

const runtime = new FunctionRuntime({ appDir: APP });
await runtime.start();
const payload = {
  method: 'GET',
  headers: {},
  queryParameters: {},
  body: null,
  path: '/employees/2',
  userPath: null,
  call: { functionKey: 'get-employee' },
  context: { cloudId: tenant.site.cloudId, moduleKey: 'get-employee' },
};
const context = {
  invocationId: 'bench',
  appId: stack.app.id,
  envId: stack.app.envId,
  installationId: tenant.installation.id,
  cloudId: tenant.site.cloudId,
  product: 'jira',
  functionKey: 'employee-read',
  moduleKey: 'get-employee',
  moduleType: 'apiRoute',
  accountId: tenant.user.accountId,
  deadline: Date.now() + 3_600_000,
  proxyUrl: undefined,
  traceId: '0'.repeat(32),
};
const direct = async () => {
  const outcome = await runtime.invoke({ file: join(APP, 'src/index.ts'), exportName: 'getEmployee', payload, handlerContext: {}, context }, 25_000);
  if (outcome.kind !== 'returned') throw new Error(`direct invocation ${outcome.kind}`);
};

const bare = await serve('bare', async (_request, response) => {
  const outcome = await runtime.invoke({ file: join(APP, 'src/index.ts'), exportName: 'getEmployee', payload, handlerContext: {}, context }, 25_000);
  const result = outcome.kind === 'returned' ? (outcome.value as { statusCode: number; body: string }) : { statusCode: 500, body: '' };
  response.writeHead(result.statusCode, { 'content-type': 'application/json' }).end(result.body);
});
const viaBareHttp = async () => {
  const response = await fetch(bare.url, { headers: { authorization: `Bearer ${access_token}` } });
  await response.arrayBuffer();
};

// In interleaved rounds: the gateway against the bare server (the goal), and against the runtime invoked directly.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const vsBare = await roundsRatio(ROUNDS, COUNT / ROUNDS, viaBareHttp, viaGateway, 100);
const vsDirect = await roundsRatio(ROUNDS, COUNT / ROUNDS / 2, direct, viaGateway);
await bare.stop();
await runtime.stop();

const row = (name: string, samples: number[]) => `  ${name.padEnd(34)} p50 ${ms(percentile(samples, 50))}   p99 ${ms(percentile(samples, 99))}`;
console.log(`${COUNT} sequential calls each, GET /employees/2 on the sample app`);
console.log(row('runtime invoked directly (IPC)', vsDirect.baseline));
console.log(row('bare HTTP server + runtime', vsBare.baseline));
console.log(row('through the gateway (HTTP)', vsBare.subject));
console.log(`  gateway / bare HTTP                p50 ${ratioText(vsBare)}   (goal ≤ 1.3× at p50)`);
console.log(`  gateway / direct IPC               p50 ${ratioText(vsDirect)}`);
