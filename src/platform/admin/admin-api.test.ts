import { CONTROL_KEY_HEADER } from '../http/control-key';
import { expect, test } from '../../../fixtures/harness';
import { controlKeyOf } from '../../stack/connect';

test('the admin API refuses bad input with a status and a reason, never a crash', async ({ stack, tenant }) => {
  const key = { [CONTROL_KEY_HEADER]: controlKeyOf(stack) };
  const send = (method: string, path: string, body?: string) =>
    fetch(new URL(path, stack.urls.admin), { method, headers: { 'content-type': 'application/json', ...key }, body });
  const cases: [Promise<Response>, number, RegExp][] = [
    [send('POST', '/api/sites', '{"name":'), 400, /not valid JSON/],
    [send('POST', '/api/sites', '[1,2]'), 400, /must be a JSON object/],
    [send('POST', '/api/sites', '{"url":"ftp://x/y"}'), 400, /scheme and host/],
    [send('POST', '/api/sites', JSON.stringify({ url: tenant.site.url })), 409, /exists already/],
    [send('POST', `/api/sites/${tenant.site.cloudId}/members`, '{"accountId":"nobody"}'), 404, /no user nobody/],
    [send('POST', '/api/installations', JSON.stringify({ cloudId: tenant.site.cloudId })), 409, /installed on .* already/],
    [
      send('POST', '/api/installations', JSON.stringify({ cloudId: tenant.site.cloudId, product: 'bitbucket' })),
      400,
      /product must be one of jira, confluence/,
    ],
    [send('PUT', '/api/installations/none/rest-api', '{"enabled":true}'), 404, /no installation none/],
    [send('PUT', `/api/installations/${tenant.installation.id}/rest-api`, '{"enabled":"yes"}'), 400, /enabled must be true or false/],
    [send('GET', '/api/sites/%E0%A4'), 400, /not valid percent-encoding/],
    [send('DELETE', '/api/sites'), 405, /DELETE is not allowed/],
  ];
  for (const [pending, status, reason] of cases) {
    const response = await pending;
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toMatch(reason);
  }
});

test('a site is found by its cloudId, and a host no site has is not a tenant', async ({ stack, tenant }) => {
  const site = await (await fetch(`${stack.urls.admin}/api/sites/${tenant.site.cloudId}`, { headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) } })).json();
  expect(site).toEqual(tenant.site);
  expect((await fetch(`${stack.urls.admin}/api/sites/no-such-site`, { headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) } })).status).toBe(404);
  // fetch sends the gateway's own host (127.0.0.1:port), which no site has.
  expect((await fetch(`${stack.urls.gateway}/_edge/tenant_info`)).status).toBe(404);
});

test('without the control key the admin plane answers nothing: no site, no switch, no page', async ({ stack, tenant }) => {
  const attempts = [
    fetch(`${stack.urls.admin}/api/sites/${tenant.site.cloudId}`),
    fetch(`${stack.urls.admin}/api/installations/${tenant.installation.id}/rest-api`, { method: 'PUT', body: '{"enabled":false}' }),
    fetch(`${stack.urls.admin}/api/tenants`, { method: 'POST', body: '{}' }),
    fetch(`${stack.urls.admin}/sites/${tenant.site.cloudId}/connected-apps`),
    fetch(`${stack.urls.admin}/sites/${tenant.site.cloudId}/connected-apps/${tenant.installation.id}`, {
      method: 'POST',
      body: 'enabled=false',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    fetch(`${stack.urls.admin}/_internal/sites/${tenant.site.cloudId}`),
    fetch(`${stack.urls.admin}/api/sites/${tenant.site.cloudId}`, { headers: { [CONTROL_KEY_HEADER]: 'guessed' } }),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status, response.url).toBe(403);
    expect(await response.text()).not.toContain(tenant.site.name);
  }
  // The key in the URL opens the page a browser shows, and nothing else: the API wants the header.
  const key = encodeURIComponent(controlKeyOf(stack));
  expect((await fetch(`${stack.urls.admin}/sites/${tenant.site.cloudId}/connected-apps?key=${key}`)).status).toBe(200);
  expect((await fetch(`${stack.urls.admin}/api/sites/${tenant.site.cloudId}?key=${key}`)).status).toBe(403);
  // The switch was not flipped by any of them.
  expect((await stack.admin.createTenant()).installation.restApiEnabled).toBe(true);
  const installation = await fetch(`${stack.urls.admin}/api/installations/${tenant.installation.id}`, {
    headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) },
  });
  expect(((await installation.json()) as { restApiEnabled: boolean }).restApiEnabled).toBe(true);
});
