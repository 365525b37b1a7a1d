import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as unit } from '@playwright/test';
import { callApp, expect as expectCall, test } from '../../../fixtures/harness';
import { dockerfileCommand } from './container-service';

test("the sample app's container service runs with the documented env and headers, and egresses only through the proxy", async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const call = await callApp(stack, tenant, '/payroll/sync', { method: 'POST', token: await tokenFor(['write:payroll:custom']) });
  expectCall(call.status).toBe(200);
  const result = call.json() as {
    steps: { method: string; status: number; error: string | null }[];
    received: Record<string, string>;
    environment: Record<string, string>;
  };
  expectCall(result.steps).toEqual([
    { method: 'OPTIONS', status: 204, error: null, bytes: 0 },
    { method: 'HEAD', status: 200, error: null, bytes: 0 },
    expect.objectContaining({ method: 'GET', status: 200, error: null }),
    expect.objectContaining({ method: 'POST', status: 201, error: null }),
    expect.objectContaining({ method: 'PUT', status: 200, error: null }),
    expect.objectContaining({ method: 'PATCH', status: 200, error: null }),
    { method: 'DELETE', status: 204, error: null, bytes: 0 },
  ]);

  const { invocation } = await call.observation();
  expectCall(result.received.invocationId).toBe(invocation!.invocationId);
  expectCall(result.received.traceId).toMatch(/^[0-9a-f]{32}$/);
  expectCall(result.received.spanId).toMatch(/^[0-9a-f]{16}$/);
  expectCall(JSON.parse(result.received.logAttributes!)).toMatchObject({ appId: stack.app.id, environmentId: stack.app.envId, routeKey: 'sync-payroll' });
  expectCall(result.environment).toEqual({
    appAri: `ari:cloud:ecosystem::app/${stack.app.id}`,
    envAri: `ari:cloud:ecosystem::environment/${stack.app.id}/${stack.app.envId}`,
    containerKey: 'main',
  });

  const traffic = await stack.observations.traffic(invocation!.invocationId);
  expectCall(traffic.filter((e) => e.kind === 'service')).toEqual([
    expect.objectContaining({ method: 'POST', target: 'service:payroll-sync/sync', status: 200 }),
  ]);
  expectCall(traffic.filter((e) => e.kind === 'external').map((e) => `${e.method} ${e.host} ${e.decision}`)).toEqual(
    ['OPTIONS', 'HEAD', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => `${m} api.payroll.example.com forwarded`),
  );
  expectCall((await stack.observations.methodCoverage())['api.payroll.example.com']).toEqual(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
});

unit('a Dockerfile CMD in exec and shell form', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-'));
  writeFileSync(join(dir, 'exec'), 'FROM node:22\nCMD ["node", "--enable-source-maps", "server.js"]\n');
  writeFileSync(join(dir, 'shell'), 'FROM node:22\nCMD node dist/main.js\n');
  writeFileSync(join(dir, 'none'), 'FROM node:22\nENTRYPOINT ["node"]\n');
  expect(dockerfileCommand(join(dir, 'exec'))).toEqual(['node', '--enable-source-maps', 'server.js']);
  expect(dockerfileCommand(join(dir, 'shell'))).toEqual(['node', 'dist/main.js']);
  expect(() => dockerfileCommand(join(dir, 'none'))).toThrow(/has no CMD/);
});
