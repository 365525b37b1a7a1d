import { expect, test } from '../../../fixtures/harness';
import { request } from 'node:http';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { PageSession } from '../../stack/clients/page-session';
import { controlKeyOf } from '../../stack/connect';

// What a hostile-input campaign got through the 3LO server (issue 11), each reproduced.
const READ = 'read:employee:custom';

test('the OAuth client and the test controls answer only to the control key, whatever the test controls setting', async ({ stack, tenant }) => {
  for (const [method, path, body] of [
    ['GET', '/_internal/oauth-client'],
    ['GET', '/_internal/denied-tokens/x'],
    ['POST', '/_test/tokens', JSON.stringify({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: ['read:forge-app:jira'] })],
    ['POST', '/_test/denied-tokens', '{"jti":"x"}'],
  ] as const) {
    const response = await fetch(`${stack.urls.auth}${path}`, { method, body, headers: { 'content-type': 'application/json' } });
    expect(response.status, path).toBe(403);
    expect(await response.text(), path).not.toContain(stack.auth.client.clientSecret);
  }
  const keyed = await fetch(`${stack.urls.auth}/_internal/oauth-client`, { headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) } });
  expect(((await keyed.json()) as { clientSecret: string }).clientSecret).toBe(stack.auth.client.clientSecret);
});

test('a code whose authorization carried redirect_uri is not exchanged without it (RFC 6749 §4.1.3)', async ({ stack, tenant }) => {
  const pages = new PageSession();
  let page = await pages.follow(stack.auth.authorizationUrl({ scopes: [READ] }));
  page = await pages.follow(new URL(`${new URL(page.url).pathname}/login`, stack.urls.auth).href, { accountId: tenant.user.accountId });
  const action = /action="([^"]+\/consent)"/.exec(await page.text())![1]!;
  const callback = await pages.follow(new URL(action, stack.urls.auth).href, { cloudId: tenant.site.cloudId, scope: ['read:forge-app:jira', READ] });
  const code = new URL(callback.url).searchParams.get('code')!;
  const { clientId, clientSecret } = stack.auth.client;
  const omitted = await fetch(`${stack.urls.auth}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, code }),
  });
  expect(omitted.status).toBe(400);
  expect(await omitted.json()).toMatchObject({ error: 'invalid_request' });
});

test('a request for another Host is refused, so no redirect is ever built from it', async ({ stack }) => {
  const { hostname, port } = new URL(stack.urls.auth);
  const status = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    request(
      {
        hostname,
        port,
        path: new URL(stack.auth.authorizationUrl({ scopes: [READ] })).pathname + new URL(stack.auth.authorizationUrl({ scopes: [READ] })).search,
        headers: { host: 'evil.invalid' },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      },
    )
      .on('error', reject)
      .end();
  });
  expect(status.status).toBe(421);
  expect(status.location).toBeUndefined();
  // localhost is this machine, and serves.
  expect((await fetch(stack.urls.auth.replace('127.0.0.1', 'localhost') + '/.well-known/openid-configuration')).status).toBe(200);
});
