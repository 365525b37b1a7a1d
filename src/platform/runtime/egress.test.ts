import { join } from 'node:path';
import { APPS_DIR, SAMPLE_UPSTREAMS } from '../../../fixtures/apps';
import { callApp, expect, test, type CallResult } from '../../../fixtures/harness';
import type { Stack } from '../../stack/stack';
import type { Tenant } from '../../stack/clients/admin-client';
import { serve } from '../http/listen';
import { hostIsolationAvailable } from './host-isolation';

const PROBE = join(APPS_DIR, 'egress-probe');
// The probe calls its own echo and Jira, and the sample's payroll and analytics services too.
test.use({ appUnderTest: PROBE, upstreams: [join(PROBE, 'upstreams'), SAMPLE_UPSTREAMS] });

const SCOPE = ['send:probe:custom'];

async function probe(
  stack: Stack,
  tenant: Tenant,
  token: string,
  path: '/outbound' | '/product',
  body: object,
): Promise<{ result: Record<string, unknown>; call: CallResult }> {
  const call = await callApp(stack, tenant, path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(call.status).toBe(200);
  return { result: call.json() as Record<string, unknown>, call };
}

/** The egress the handler made during the call, from the proxy's traffic log. */
async function egressOf(stack: Stack, call: CallResult) {
  const { invocation } = await call.observation();
  return stack.observations.traffic(invocation!.invocationId);
}

test.describe("a handler's outbound HTTP goes through the egress proxy, whatever it uses", () => {
  for (const via of ['fetch', 'https', 'forge-fetch'] as const) {
    test(`${via}: a declared host is reached through the proxy, recorded with the invocation`, async ({ stack, tenant, tokenFor }) => {
      const { result, call } = await probe(stack, tenant, await tokenFor(SCOPE), '/outbound', {
        via,
        url: 'https://api.payroll.example.com/v1/employees/2/payslips?period=2026-10',
      });
      expect(result).toMatchObject({ status: 200 });
      expect(JSON.parse(result.body as string)).toMatchObject({ employeeId: '2', period: '2026-10' });
      const [entry, ...more] = await egressOf(stack, call);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        routeKey: 'outbound',
        kind: 'external',
        method: 'GET',
        host: 'api.payroll.example.com',
        target: 'api.payroll.example.com/v1/employees/2/payslips?period=2026-10',
        decision: 'forwarded',
        status: 200,
        as: 'app',
      });
    });

    test(`${via}: undeclared egress fails as @forge/api reports it (403, REQUEST_EGRESS_ALLOWLIST_ERR)`, async ({ stack, tenant, tokenFor }) => {
      const { result, call } = await probe(stack, tenant, await tokenFor(SCOPE), '/outbound', { via, url: 'https://undeclared.example.org/exfiltrate?x=1' });
      expect(result.error).toEqual({
        name: 'REQUEST_EGRESS_ALLOWLIST_ERR',
        status: 403,
        message:
          'URL not included in the external fetch backend permissions: https://undeclared.example.org/exfiltrate?x=1. Visit go.atlassian.com/forge-egress for more information.',
      });
      expect(await egressOf(stack, call)).toEqual([
        expect.objectContaining({ host: 'undeclared.example.org', decision: 'refused', error: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403 }),
      ]);
    });
  }

  test('an entry without a scheme allows https only: http:// to a declared host is refused, as @forge/egress decides', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor(SCOPE);
    for (const url of ['http://api.payroll.example.com/v1/employees/2/payslips?period=2026-10', 'http://eu.hr-insights.example.net/v1/headcount']) {
      const { result, call } = await probe(stack, tenant, token, '/outbound', { url });
      expect(result.error, url).toMatchObject({ name: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403, message: expect.stringContaining(`permissions: ${url}.`) });
      expect(await egressOf(stack, call)).toEqual([expect.objectContaining({ decision: 'refused', error: 'REQUEST_EGRESS_ALLOWLIST_ERR' })]);
    }
    // The scheme is the runtime's to say: a header of the app's own naming one is not taken.
    const { result } = await probe(stack, tenant, token, '/outbound', {
      url: 'https://api.payroll.example.com/v1/employees/2/payslips?period=2026-10',
      headers: { 'x-forge-conformance-scheme': 'gopher' },
    });
    expect(result).toMatchObject({ status: 200 });
  });

  test('a wildcard entry covers a regional subdomain', async ({ stack, tenant, tokenFor }) => {
    const { result } = await probe(stack, tenant, await tokenFor(SCOPE), '/outbound', {
      url: 'https://eu.hr-insights.example.net/v1/headcount',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"departments":[]}',
    });
    expect(result).toMatchObject({ status: 202 });
  });

  test('all seven methods reach the upstream, and the coverage report says so', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor(SCOPE);
    for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']) {
      const { result } = await probe(stack, tenant, token, '/outbound', {
        url: 'https://methods.example.com/echo',
        method,
        ...(['PUT', 'POST', 'PATCH'].includes(method) && { body: '{}' }),
      });
      expect(result.status, method).toBe(method === 'POST' ? 201 : 200);
      expect(result.headers, method).toMatchObject({ 'x-method': method });
      expect(result.body, method).toBe(method === 'HEAD' ? '' : JSON.stringify({ method }));
    }
    expect((await stack.observations.methodCoverage())['methods.example.com']).toEqual(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
  });

  test('a handler that passes on the caller token, by any door, is caught in the traffic log with where it was', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor(SCOPE);
    const { call } = await probe(stack, tenant, token, '/outbound', {
      url: 'https://api.payroll.example.com/v1/employees/2/payslips',
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await egressOf(stack, call))[0]).toMatchObject({ callerTokenSeen: true, callerTokenAt: ['header authorization (plain)'] });
    // Under any name, without `Bearer `, in the query, deep in a JSON body, base64-encoded: each door is watched.
    const url = 'https://api.payroll.example.com/v1/employees/2/payslips';
    const leaks: [object, string[]][] = [
      [{ headers: { 'x-upstream-key': token } }, ['header x-upstream-key (plain)']],
      [{ url: `${url}?access_token=${token}` }, ['query (plain)']],
      [{ method: 'POST', body: JSON.stringify({ session: { keys: [token] } }) }, ['body (plain)']],
      [{ headers: { authorization: `Basic ${Buffer.from(`forge:${token}`).toString('base64')}` } }, ['header authorization (base64)']],
    ];
    for (const [leak, where] of leaks) {
      const { call: leaky } = await probe(stack, tenant, token, '/outbound', { url, ...leak });
      expect((await egressOf(stack, leaky))[0], JSON.stringify(where)).toMatchObject({ callerTokenSeen: true, callerTokenAt: where });
    }
    const { call: clean } = await probe(stack, tenant, token, '/outbound', { url: 'https://api.payroll.example.com/v1/employees/2/payslips' });
    expect((await egressOf(stack, clean))[0]).toMatchObject({ callerTokenSeen: false });
  });

  test("no header of the app's own takes its request around the proxy: a loopback server it names is never reached", async ({ stack, tenant, tokenFor }) => {
    let reached = 0;
    const bystander = await serve('bystander', (_request, response) => (reached++, response.writeHead(200).end('reached')));
    try {
      const url = `${bystander.url}/secret`;
      // The name the runtime once marked its own requests with, and the proxy's own authorization header.
      for (const headers of [{ 'x-forge-conformance-egress': '1' }, { 'forge-proxy-authorization': 'Forge as=app,id=00000000-0000-0000-0000-000000000000' }]) {
        const { result, call } = await probe(stack, tenant, await tokenFor(SCOPE), '/outbound', { url, headers });
        expect(result.error, JSON.stringify(headers)).toMatchObject({ name: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403 });
        expect(await egressOf(stack, call)).toEqual([expect.objectContaining({ decision: 'refused', error: 'REQUEST_EGRESS_ALLOWLIST_ERR' })]);
      }
      expect(reached).toBe(0);
    } finally {
      await bystander.stop();
    }
  });

  test("no door of the interceptor's own, no body the runtime reads and no worker thread takes a request around the proxy", async ({
    stack,
    tenant,
    tokenFor,
  }) => {
    let reached = 0;
    const bystander = await serve('bystander', (_request, response) => (reached++, response.writeHead(200).end('reached')));
    try {
      const url = `${bystander.url}/secret`;
      const token = await tokenFor(SCOPE);
      // The interceptor's pass for its own internal connections, entered by the app.
      const hook = await probe(stack, tenant, token, '/outbound', { url, around: 'interceptor-hook' });
      expect(hook.result.error, JSON.stringify(hook.result)).toMatchObject({ name: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403 });
      // A body stream that makes the request when read: a product request's body is read by the runtime, twice so the second finds a pooled connection.
      for (let i = 0; i < 2; i++) {
        const stream = await probe(stack, tenant, token, '/outbound', { url, around: 'stream-body' });
        expect(stream.result.attempt, JSON.stringify(stream.result)).toEqual({ error: { name: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403 } });
      }
      // A worker thread the handler starts: its requests go through the proxy, for the invocation, as the handler's own do.
      for (const how of [{ depth: 0 }, { depth: 1 }, { depth: 0, viaPrototype: true }]) {
        const worker = await probe(stack, tenant, token, '/outbound', { url, around: 'worker', ...how });
        expect(worker.result, JSON.stringify(worker.result)).toMatchObject({ error: { name: 'REQUEST_EGRESS_ALLOWLIST_ERR', status: 403 } });
      }
      expect(reached).toBe(0);
      const declared = await probe(stack, tenant, token, '/outbound', {
        url: 'https://api.payroll.example.com/v1/employees/2/payslips?period=2026-10',
        around: 'worker',
      });
      expect(declared.result).toMatchObject({ status: 200, body: expect.stringContaining('2026-10') });
      expect(await egressOf(stack, declared.call)).toEqual([expect.objectContaining({ host: 'api.payroll.example.com', decision: 'forwarded', status: 200 })]);
    } finally {
      await bystander.stop();
    }
  });

  test('where the machine allows it, the host has no network: a process the handler spawns reaches nothing', async ({ stack, tenant, tokenFor }) => {
    test.skip(!hostIsolationAvailable(), 'this machine gives processes no network namespace of their own (unshare -rn)');
    let reached = 0;
    const bystander = await serve('bystander', (_request, response) => (reached++, response.writeHead(200).end('reached')));
    try {
      const spawned = await probe(stack, tenant, await tokenFor(SCOPE), '/outbound', { url: `${bystander.url}/secret`, around: 'spawn' });
      expect(spawned.result).toEqual({ printed: 'ENETUNREACH' });
      expect(reached).toBe(0);
    } finally {
      await bystander.stop();
    }
  });

  test('once the invocation has finished, its id opens nothing', async ({ stack, tenant, tokenFor }) => {
    const { call } = await probe(stack, tenant, await tokenFor(SCOPE), '/outbound', { url: 'https://api.payroll.example.com/v1/employees/2/payslips' });
    const { invocation } = await call.observation();
    const reuse = await fetch(`${stack.urls.proxy}/proxy/api.payroll.example.com/v1/employees/2/payslips`, {
      headers: { 'forge-proxy-authorization': `Forge as=app,id=${invocation!.invocationId}` },
    });
    expect(reuse.status).toBe(403);
    expect(reuse.headers.get('forge-proxy-error')).toBe('INVALID_INVOCATION');
  });
});

test.describe('product APIs through __forge_fetch__', () => {
  for (const as of ['app', 'user', 'default'] as const) {
    test(`requestJira ${as === 'default' ? 'without asApp/asUser' : `as${as === 'app' ? 'App' : 'User'}()`} reaches the Jira stub and is recorded`, async ({
      stack,
      tenant,
      tokenFor,
    }) => {
      const { result, call } = await probe(stack, tenant, await tokenFor(SCOPE), '/product', { as, path: '/rest/api/3/myself' });
      expect(result).toMatchObject({ status: 200 });
      expect(JSON.parse(result.body as string)).toMatchObject({ accountId: 'from-jira-stub' });
      expect(await egressOf(stack, call)).toEqual([
        expect.objectContaining({
          kind: 'product',
          host: 'jira.product.invalid',
          target: 'jira.product.invalid/rest/api/3/myself',
          as: as === 'user' ? 'user' : 'app',
          decision: 'forwarded',
          ...(as === 'user' && { accountId: tenant.user.accountId }),
        }),
      ]);
    });
  }

  test('asUser(accountId) acts only for the invoking user: another account is refused (profile proxy.impersonation)', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor(SCOPE);
    const self = await probe(stack, tenant, token, '/product', { as: 'user', accountId: tenant.user.accountId, path: '/rest/api/3/myself' });
    expect(self.result).toMatchObject({ status: 200 });
    const other = await probe(stack, tenant, token, '/product', { as: 'user', accountId: '5b10ac8d82e05b22cc7d4ef5', path: '/rest/api/3/myself' });
    expect(other.result.error).toMatchObject({ status: 403 });
    expect(await egressOf(stack, other.call)).toEqual([
      expect.objectContaining({ decision: 'refused', error: 'IMPERSONATION_NOT_ALLOWED', as: 'user', accountId: '5b10ac8d82e05b22cc7d4ef5' }),
    ]);
  });

  test('a product path without a stub fails with the proxy error, not silently', async ({ stack, tenant, tokenFor }) => {
    const { result } = await probe(stack, tenant, await tokenFor(SCOPE), '/product', { as: 'app', path: '/rest/api/3/issue/NOPE-1' });
    expect(result.error).toMatchObject({ name: 'PROXY_ERR', status: 502 });
  });
});
