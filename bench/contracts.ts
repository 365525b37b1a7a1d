/**
 * Verifying the HR portal's pact against the sample app through the platform (`verifyPacts`: a
 * site, a token and the states set up for every interaction, each call through the gateway),
 * against pact-js's own verifier pointed straight at the same function runtime behind a bare
 * HTTP server that only routes (no platform, no states), in the same run. The stacks are started
 * once; each round verifies every interaction. Goal: the platform costs ≤ 1.5× the bare verification.
 *
 *   npm run bench -- contracts
 */
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { loadApp } from '../src/app/load-app';
import { RouteTable } from '../src/app/route-table';
import { resolveHandler } from '../src/app/handler-reference';
import { verifyPacts } from '../src/pact/verify-pacts';
import { readBody } from '../src/platform/http/body';
import { serve } from '../src/platform/http/listen';
import { FunctionRuntime } from '../src/platform/runtime/function-runtime';
import { startEmbeddedStack } from '../src/stack/embedded';
import { median } from './stats';
import { HARNESS_ROOT } from '../src/common/harness-root';

const APP = join(HARNESS_ROOT, 'fixtures/apps/employee-directory');
const PACT = join(HARNESS_ROOT, 'contracts/pacts/hr-portal-employee-directory.json');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
process.env.PACT_DO_NOT_TRACK = 'true';

const app = loadApp(APP);
await using stack = await startEmbeddedStack({ app: APP });

// The baseline: the app's handlers on the same runtime, behind a server that routes and nothing else.
const runtime = new FunctionRuntime({ appDir: APP });
await runtime.start();
const routes = new RouteTable(app.apiRoutes);
const functions = new Map(app.functions.map((fn) => [fn.key, fn.handler]));
const bare = await serve('bare', async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://bare');
  const matched = routes.match(request.method ?? 'GET', url.pathname);
  if (matched.kind !== 'matched') return void response.writeHead(404).end();
  const handler = resolveHandler(app, functions.get(matched.route.function)!);
  if (handler.kind !== 'found') return void response.writeHead(500).end();
  const body = await readBody(request, 10 * 1024 * 1024);
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
  const context = { cloudId: 'bench-site', moduleKey: matched.route.key };
  const outcome = await runtime.invoke(
    {
      file: handler.file,
      exportName: handler.exportName,
      payload: {
        method: request.method,
        headers: {},
        queryParameters,
        body: body.length ? body.toString('utf8') : null,
        path: url.pathname,
        userPath: null,
        call: { functionKey: matched.route.key },
        context,
      },
      handlerContext: { principal: { accountId: 'bench-user' }, cloudId: 'bench-site', moduleKey: matched.route.key },
      context: {
        invocationId: 'bench',
        appId: stack.app.id,
        envId: stack.app.envId,
        installationId: 'bench',
        cloudId: 'bench-site',
        product: 'jira',
        functionKey: matched.route.function,
        moduleKey: matched.route.key,
        moduleType: 'apiRoute',
        accountId: 'bench-user',
        deadline: Date.now() + 60_000,
        proxyUrl: undefined,
        traceId: '0'.repeat(32),
      },
    },
    25_000,
  );
  const result =
    outcome.kind === 'returned' ? (outcome.value as { statusCode: number; headers?: Record<string, string[]>; body?: string }) : { statusCode: 500 };
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, values]) => [name, values.join(', ')]));
  response.writeHead(result.statusCode, headers).end(result.body ?? '');
});

const viaPlatform = async () => {
  const verdicts = await verifyPacts(stack, [PACT]);
  if (verdicts.some((v) => !v.ok)) throw new Error('an interaction did not hold through the platform');
  return verdicts.length;
};
const bareVerification = async () => {
  // No state handlers: the bare server knows no platform conditions, so the interactions that depend on them fail there; only the time counts.
  await new Verifier({ providerBaseUrl: bare.url, pactUrls: [PACT], logLevel: 'error' }).verifyProvider().catch(() => undefined);
};

const time = async (fn: () => Promise<unknown>) => {
  const started = performance.now();
  await fn();
  return performance.now() - started;
};
// Alternate the two in each round so machine noise falls on both alike; one unmeasured round of each first.
const interactions = await viaPlatform();
await bareVerification();
const platform: number[] = [];
const baseline: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  baseline.push(await time(bareVerification));
  platform.push(await time(viaPlatform));
}
await bare.stop();
await runtime.stop();

const row = (name: string, samples: number[]) =>
  `  ${name.padEnd(46)} median ${median(samples).toFixed(0).padStart(5)} ms   ${((interactions / median(samples)) * 1000).toFixed(1).padStart(6)} interactions/s`;
console.log(`${ROUNDS} rounds, the HR portal's pact (${interactions} interactions) against the sample app`);
console.log(row('pact-js verifier → bare HTTP server + runtime', baseline));
console.log(row('contracts verify through the platform', platform));
console.log(`  platform / bare                                ${(median(platform) / median(baseline)).toFixed(2)}×   (goal ≤ 1.5×)`);
