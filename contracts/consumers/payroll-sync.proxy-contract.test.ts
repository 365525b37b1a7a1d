import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { startPactMock } from '../../src/pact/pact-mock';
import { PROXY_STATES } from '../../src/pact/platform-state-names';

// A container-app team checking its service's client against the platform's own Outbound Proxy
// contract (contracts/platform/): payroll-sync's proxy client, unchanged, against a Pact mock built
// from that pact. A request the proxy's contract does not describe (a header missing, a body of
// another shape) is a mismatch the mock reports; the answers are the ones the proxy promises.
const PROXY_PACT = join(import.meta.dirname, '../platform/forge-containers-service-forge-outbound-proxy.json');
const CLIENT = join(import.meta.dirname, '../../fixtures/apps/employee-directory/services/payroll-sync/proxy-client.js');
const SYNC = 'api.payroll.example.com/v1/sync';

type ViaProxy = (
  proxyUrl: string,
  target: string,
  options: { method?: string; invocationId?: string; body?: unknown },
) => Promise<{ status: number; error: string | null; text: string }>;
const { viaProxy } = (await import(pathToFileURL(CLIENT).href)) as { viaProxy: ViaProxy };

test("payroll-sync's sync, every method, keeps to the Outbound Proxy's contract while its invocation is in flight", async () => {
  await using mock = await startPactMock(PROXY_PACT, { given: PROXY_STATES.inFlight });
  const statuses: Record<string, number> = {};
  for (const method of ['OPTIONS', 'HEAD', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    const body = ['POST', 'PUT', 'PATCH'].includes(method) ? { employees: 3 } : undefined;
    statuses[method] = (await viaProxy(mock.url, SYNC, { method, invocationId: 'an-invocation-id', body })).status;
  }
  expect(mock.mismatches()).toEqual([]);
  expect(statuses).toEqual({ OPTIONS: 204, HEAD: 200, GET: 200, POST: 201, PUT: 200, PATCH: 200, DELETE: 204 });
});

test("the mock catches a client that leaves out forge-proxy-authorization: the proxy's contract has no such request while an invocation runs", async () => {
  await using mock = await startPactMock(PROXY_PACT, { given: PROXY_STATES.inFlight });
  await viaProxy(mock.url, SYNC, { method: 'GET' });
  expect(mock.mismatches()).toEqual([expect.stringMatching(/^GET \/proxy\/api\.payroll\.example\.com\/v1\/sync: .*forge-proxy-authorization/)]);
});

test('payroll-sync sees the refusal the proxy promises once its invocation has finished', async () => {
  await using mock = await startPactMock(PROXY_PACT, { given: PROXY_STATES.finished });
  const answer = await viaProxy(mock.url, SYNC, { method: 'GET', invocationId: 'a-finished-invocation' });
  expect(answer).toMatchObject({ status: 403, error: 'INVALID_INVOCATION' });
  expect(mock.mismatches()).toEqual([]);
});
