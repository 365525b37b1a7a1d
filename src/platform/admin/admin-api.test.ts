import { expect, test } from '../../../fixtures/harness';

const post = (base: string, path: string, body: string) => fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body });

test('the admin API refuses bad input with a status and a reason, never a crash', async ({ stack, tenant }) => {
  const cases: [Promise<Response>, number, RegExp][] = [
    [post(stack.urls.admin, '/api/sites', '{"name":'), 400, /not valid JSON/],
    [post(stack.urls.admin, '/api/sites', '[1,2]'), 400, /must be a JSON object/],
    [post(stack.urls.admin, '/api/sites', '{"url":"ftp://x/y"}'), 400, /scheme and host/],
    [post(stack.urls.admin, '/api/sites', JSON.stringify({ url: tenant.site.url })), 409, /exists already/],
    [post(stack.urls.admin, `/api/sites/${tenant.site.cloudId}/members`, '{"accountId":"nobody"}'), 404, /no user nobody/],
    [post(stack.urls.admin, '/api/installations', JSON.stringify({ cloudId: tenant.site.cloudId })), 409, /installed on .* already/],
    [post(stack.urls.admin, '/api/installations', JSON.stringify({ cloudId: tenant.site.cloudId, product: 'bitbucket' })), 400, /product must be one of jira, confluence/],
    [fetch(`${stack.urls.admin}/api/installations/none/rest-api`, { method: 'PUT', body: '{"enabled":true}' }), 404, /no installation none/],
    [fetch(`${stack.urls.admin}/api/installations/${tenant.installation.id}/rest-api`, { method: 'PUT', body: '{"enabled":"yes"}' }), 400, /enabled must be true or false/],
    [fetch(`${stack.urls.admin}/api/sites`, { method: 'DELETE' }), 405, /DELETE is not allowed/],
  ];
  for (const [pending, status, reason] of cases) {
    const response = await pending;
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(reason);
  }
});

test('a site is found by its cloudId, and a host no site has is not a tenant', async ({ stack, tenant }) => {
  const site = await (await fetch(`${stack.urls.admin}/api/sites/${tenant.site.cloudId}`)).json();
  expect(site).toEqual(tenant.site);
  expect((await fetch(`${stack.urls.admin}/api/sites/no-such-site`)).status).toBe(404);
  // fetch sends the gateway's own host (127.0.0.1:port), which no site has.
  expect((await fetch(`${stack.urls.gateway}/_edge/tenant_info`)).status).toBe(404);
});
