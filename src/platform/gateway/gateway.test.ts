import { callApp, expect, test } from '../../../fixtures/harness';
import { rawRequest } from '../../../fixtures/raw-request';

const READ = 'read:employee:custom';
const WRITE = 'write:employee:custom';

test.describe('a consented call', () => {
  test('reaches the handler and returns its status, headers and body', async ({ stack, tenant, tokenFor }) => {
    const response = await callApp(stack, tenant, '/employees/2', { token: await tokenFor([READ]) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.json()).toMatchObject({ id: '2', name: 'Grace Hopper' });
    expect(await response.observation()).toMatchObject({
      decision: 'invoked',
      invocation: { routeKey: 'get-employee', functionKey: 'employee-read', outcome: 'returned' },
    });
  });

  test('passes query parameters and the JSON body through', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor([READ, WRITE]);
    const listed = await callApp(stack, tenant, '/employees?department=Finance', { token });
    expect((listed.json() as { employees: { name: string }[] }).employees.map((e) => e.name)).toEqual(['Katherine Johnson']);
    const created = await callApp(stack, tenant, '/employees', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mary Jackson', title: 'Engineer', department: 'Engineering' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/^\/employees\/\d+$/);
  });

  test('also answers on the site gateway URL form, the site known from the Host header', async ({ stack, tenant, tokenFor }) => {
    const host = new URL(tenant.site.url).host;
    // fetch does not let a caller set Host; node:http does, as a client on the site's own host would send it.
    const get = (path: string, headers: Record<string, string> = {}) => rawRequest(stack.urls.gateway, path, { host, ...headers });
    const response = await get(`/gateway/api/svc/jira/apps/${stack.app.id}_${stack.app.envId}/employees/1`, {
      authorization: `Bearer ${await tokenFor([READ])}`,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ name: 'Ada Lovelace' });
    const tenantInfo = await get('/_edge/tenant_info');
    expect(JSON.parse(tenantInfo.body)).toEqual({ cloudId: tenant.site.cloudId });
  });
});

test.describe('REST API enablement per site', () => {
  test('disabled by default: refused and the handler not invoked; enable, then disable blocks the very next call', async ({ stack, tokenFor }) => {
    const tenant = await stack.admin.createTenant({ enabled: false });
    const token = await tokenFor([READ], tenant);
    const disabled = await callApp(stack, tenant, '/employees/1', { token });
    expect(disabled.status).toBe(403);
    expect(disabled.headers.get('x-failure-category')).toBe('FAILURE_APP_REST_API_DISABLED');
    expect(await disabled.observation()).toMatchObject({ decision: 'refused', step: 'site-enabled' });
    expect((await disabled.observation()).invocation).toBeUndefined();

    await stack.admin.setRestApiEnabled(tenant.installation.id, true);
    expect((await callApp(stack, tenant, '/employees/1', { token })).status).toBe(200);

    await stack.admin.setRestApiEnabled(tenant.installation.id, false);
    const blocked = await callApp(stack, tenant, '/employees/1', { token });
    expect(blocked.status).toBe(403);
    expect((await blocked.observation()).invocation).toBeUndefined();
  });

  test('one site disabled does not affect another', async ({ stack, tenant, tokenFor }) => {
    const other = await stack.admin.createTenant({ enabled: false });
    expect((await callApp(stack, other, '/employees/1', { token: await tokenFor([READ], other) })).status).toBe(403);
    expect((await callApp(stack, tenant, '/employees/1', { token: await tokenFor([READ]) })).status).toBe(200);
  });
});

test.describe('scopes', () => {
  const scopeDenied = async (response: Awaited<ReturnType<typeof callApp>>) => {
    expect(response.status).toBe(401);
    expect(response.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect(response.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    const observed = await response.observation();
    expect(observed).toMatchObject({ decision: 'refused', step: 'scopes' });
  };

  test('each scope of a route is required', async ({ stack, tenant, tokenFor }) => {
    // GET /payroll/** needs read:payroll and read:employee.
    await scopeDenied(await callApp(stack, tenant, '/payroll/employees/2', { token: await tokenFor(['read:payroll:custom']) }));
    await scopeDenied(await callApp(stack, tenant, '/payroll/employees/2', { token: await tokenFor([READ]) }));
    await scopeDenied(await callApp(stack, tenant, '/employees/2', { method: 'DELETE', token: await tokenFor([READ, WRITE]) }));
  });

  test('the product scope is required (ECO-1289)', async ({ stack, tenant }) => {
    const { access_token } = await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: [READ] });
    await scopeDenied(await callApp(stack, tenant, '/employees/2', { token: access_token }));
  });

  test("the other product's scope does not count", async ({ stack, tenant }) => {
    const { access_token } = await stack.auth.mintToken({
      accountId: tenant.user.accountId,
      cloudId: tenant.site.cloudId,
      scopes: ['read:forge-app:confluence', READ],
    });
    await scopeDenied(await callApp(stack, tenant, '/employees/2', { token: access_token }));
  });
});

test.describe('tokens', () => {
  const unauthorized = async (response: Awaited<ReturnType<typeof callApp>>, reason: RegExp) => {
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ code: 401, message: 'Unauthorized' });
    const observed = await response.observation();
    expect(observed).toMatchObject({ decision: 'refused', step: 'token' });
    expect(observed.reason).toMatch(reason);
  };
  const scopes = ['read:forge-app:jira', READ];

  test('no token, a malformed one, a non-bearer scheme', async ({ stack, tenant }) => {
    await unauthorized(await callApp(stack, tenant, '/employees/1'), /no Authorization/);
    await unauthorized(await callApp(stack, tenant, '/employees/1', { token: 'not.a.jwt' }), /malformed/);
    await unauthorized(await callApp(stack, tenant, '/employees/1', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), /not a bearer/);
  });

  test('expired, tampered with, or for another audience', async ({ stack, tenant }) => {
    const base = { accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes };
    await unauthorized(
      await callApp(stack, tenant, '/employees/1', { token: (await stack.auth.mintToken({ ...base, expired: true })).access_token }),
      /expired/,
    );
    const [header, payload, signature] = (await stack.auth.mintToken(base)).access_token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scope: 'everything' })).toString('base64url');
    await unauthorized(await callApp(stack, tenant, '/employees/1', { token: `${header}.${forged}.${signature}` }), /signature/);
    await unauthorized(
      await callApp(stack, tenant, '/employees/1', { token: (await stack.auth.mintToken({ ...base, audience: 'api.example.com' })).access_token }),
      /aud/,
    );
  });

  test("another site's token, another app's token", async ({ stack, tenant }) => {
    const other = await stack.admin.createTenant();
    const otherSite = await stack.auth.mintToken({ accountId: other.user.accountId, cloudId: other.site.cloudId, scopes });
    await unauthorized(await callApp(stack, tenant, '/employees/1', { token: otherSite.access_token }), /for site/);
    const otherApp = await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes, sns: 'another-app.another-env' });
    await unauthorized(await callApp(stack, tenant, '/employees/1', { token: otherApp.access_token }), /for app/);
  });

  test('a revoked token', async ({ stack, tenant }) => {
    const minted = await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes });
    expect((await callApp(stack, tenant, '/employees/1', { token: minted.access_token })).status).toBe(200);
    await stack.auth.denyToken(minted.jti);
    await unauthorized(await callApp(stack, tenant, '/employees/1', { token: minted.access_token }), /revoked/);
  });
});

test.describe('routing and content', () => {
  test('an undeclared operation is 405 with Allow; an unknown path is 404', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor([READ, WRITE]);
    const patchList = await callApp(stack, tenant, '/employees', { method: 'PATCH', token, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(patchList.status).toBe(405);
    expect(patchList.headers.get('allow')).toBe('GET, POST');
    const unknown = await callApp(stack, tenant, '/departments', { token });
    expect(unknown.status).toBe(404);
    expect(await unknown.observation()).toMatchObject({ step: 'route' });
    expect((await callApp(stack, tenant, '/employees/', { token })).status).toBe(404);
  });

  test('a body that is not JSON is 415', async ({ stack, tenant, tokenFor }) => {
    const response = await callApp(stack, tenant, '/employees', {
      method: 'POST',
      token: await tokenFor([WRITE]),
      headers: { 'content-type': 'text/plain' },
      body: 'name=Ada',
    });
    expect(response.status).toBe(415);
    expect((await response.observation()).invocation).toBeUndefined();
  });

  test('5 MB is accepted, 5 MB + 1 byte is 413', async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor([WRITE]);
    const limit = stack.profile.gateway.maxRequestBytes;
    const json = (size: number) => `{"name":"${'x'.repeat(size - 11)}"}`;
    expect(Buffer.byteLength(json(limit))).toBe(limit);
    const atLimit = await callApp(stack, tenant, '/employees', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: json(limit) });
    expect(atLimit.status).toBe(400); // reached the handler, which refuses a record without title
    const over = await callApp(stack, tenant, '/employees', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: json(limit + 1) });
    expect(over.status).toBe(413);
    expect((await over.observation()).invocation).toBeUndefined();
  });
});

test.describe('caller identity', () => {
  test('a forged identity header never reaches the handler: it is set from the token', async ({ stack, tenant, tokenFor }) => {
    const adaAccountId = '5b10ac8d82e05b22cc7d4ef5';
    const response = await callApp(stack, tenant, '/employees/me', {
      token: await tokenFor([READ]),
      headers: { 'x-slauth-user-context-account-id': adaAccountId },
    });
    expect(response.status).toBe(404);
    expect(response.text).toContain(tenant.user.accountId);
    expect(response.text).not.toContain('Ada Lovelace');
    expect((await response.observation()).invocation).toMatchObject({ accountId: tenant.user.accountId });
  });
});
