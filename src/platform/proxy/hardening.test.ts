import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { expect, test } from '@playwright/test';
import { CONTROL_KEY_HEADER, newControlKey } from '../http/control-key';
import type { RunningServer } from '../http/listen';
import { DEFAULT_PROFILE } from '../profile';
import { AllowList } from './allow-list';
import { startEcho, type Echo } from './echo-upstream';
import { InvocationRegistry } from '../invocation/registry';
import { startProxyServer } from './server';
import { TrafficLog } from './traffic-log';
import { UpstreamStubs } from './upstream-stubs';
import { TEST_APP, testInvocation } from './test-invocations';

// What a hostile-input campaign got through the proxy (issue 11), each reproduced against a proxy
// whose allow-list names only `service`, with a canary that nothing may ever reach.
const APP = TEST_APP;
const CONTROL_KEY = newControlKey();
let service: Echo;
let canary: Echo;
let proxy: RunningServer;
const registry = new InvocationRegistry();
const traffic = new TrafficLog();
const services: Record<string, string> = {};
const invocation = testInvocation;

test.beforeAll(async () => {
  [service, canary] = await Promise.all([startEcho(), startEcho()]);
  services['payroll-sync'] = `http://${service.host}`;
  proxy = await startProxyServer({
    profile: DEFAULT_PROFILE,
    app: APP,
    allowList: new AllowList([`https://${service.host}`]),
    registry,
    traffic,
    stubs: await UpstreamStubs.load([]),
    services,
    controlKey: CONTROL_KEY,
  });
  registry.start(invocation('live-1'));
});

test.afterAll(async () => {
  await Promise.all([proxy.stop(), service.close(), canary.close()]);
});

function send(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    httpRequest(
      `${proxy.url}${path}`,
      { method, headers: { ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }), ...headers } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (text += c))
          .on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      },
    )
      .on('error', reject)
      .end(body);
  });
}
const auth = (value = 'Forge as=app,id=live-1') => ({ 'forge-proxy-authorization': value });

test('the service route never leaves its service: every authority trick is refused, and the canary hears nothing', async () => {
  const port = canary.host.split(':')[1]!;
  for (const escape of [
    `//127.0.0.1:${port}/x`,
    `/\\127.0.0.1:${port}/x`,
    `//localhost:${port}/x`,
    `//127.1:${port}/x`,
    `//2130706433:${port}/x`,
    `//a@127.0.0.1:${port}/x`,
    `/\\/127.0.0.1:${port}/x`,
  ]) {
    const response = await send(`/service/payroll-sync${escape}`, { headers: auth() });
    expect(response.status, escape).toBe(400);
    expect(response.headers['forge-proxy-error'], escape).toBe('INVALID_TARGET');
  }
  expect(canary.received).toEqual([]);
  expect((await send('/service/payroll-sync/health?x=1', { headers: auth() })).status).toBe(201);
  expect(service.received.at(-1)?.url).toBe('/health?x=1');
  // A key that names a property every object has is no service.
  expect((await send('/service/constructor/x', { headers: auth() })).headers['forge-proxy-error']).toBe('INVALID_SERVICE_KEY');
});

test('the control endpoints answer only to the control key: no invocation registered, no service repointed, no log read', async () => {
  const forged = await send('/_internal/invocations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(invocation('forged')),
  });
  expect(forged.status).toBe(403);
  expect((await send(`/proxy/${service.host}/x`, { headers: auth('Forge as=app,id=forged') })).headers['forge-proxy-error']).toBe('INVALID_INVOCATION');
  const repointed = await send('/_internal/services/payroll-sync', {
    method: 'PUT',
    headers: { 'content-type': 'application/json', [CONTROL_KEY_HEADER]: 'guessed' },
    body: JSON.stringify({ url: `http://${canary.host}` }),
  });
  expect(repointed.status).toBe(403);
  expect(services['payroll-sync']).toBe(`http://${service.host}`);
  expect((await send('/_internal/invocations/live-1', { method: 'DELETE' })).status).toBe(403);
  expect(registry.find('live-1')?.state).toBe('live');
  for (const path of ['/_observe/traffic', '/_observe/coverage']) expect((await send(path)).status, path).toBe(403);
  expect((await send('/_observe/coverage', { headers: { [CONTROL_KEY_HEADER]: CONTROL_KEY } })).status).toBe(200);
  expect(canary.received).toEqual([]);
});

test('bad percent-encoding is a 4xx or an ordinary forward, never a 500', async () => {
  expect((await send(`/proxy/${service.host}/%E0`)).status).toBe(401);
  expect((await send(`/proxy/${service.host}/%E0`, { headers: auth() })).status).toBe(201);
  expect((await send('/_internal/invocations/%E0', { method: 'DELETE', headers: { [CONTROL_KEY_HEADER]: CONTROL_KEY } })).status).toBe(400);
  expect((await send('/service/payroll-sync/%ZZ', { headers: auth() })).status).toBe(201);
});

test('headers the Connection header names, and the platform headers a client sends, never go upstream', async () => {
  await send('/service/payroll-sync/x', {
    headers: {
      ...auth(),
      connection: 'x-hop, keep-alive',
      'x-hop': 'secret',
      'x-forge-principal': 'user:admin',
      'x-b3-traceid': 'f'.repeat(32),
      'x-kept': 'yes',
    },
  });
  const { headers } = service.received.at(-1)!;
  expect(headers['x-hop']).toBeUndefined();
  expect(headers['x-forge-principal']).toBeUndefined();
  expect(headers['x-b3-traceid']).not.toBe('f'.repeat(32));
  expect(headers['x-forge-invocation-id']).toBe('live-1');
  expect(headers['x-kept']).toBe('yes');
});

test('as=user acts only for the invoking user (profile proxy.impersonation)', async () => {
  expect((await send(`/proxy/${service.host}/x`, { headers: auth('Forge as=user,id=live-1,accountId=user-1') })).status).toBe(201);
  const impersonating = await send(`/proxy/${service.host}/x`, { headers: auth('Forge as=user,id=live-1,accountId=someone-else') });
  expect(impersonating.status).toBe(403);
  expect(impersonating.headers['forge-proxy-error']).toBe('IMPERSONATION_NOT_ALLOWED');
});
