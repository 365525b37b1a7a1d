import { SignJWT } from 'jose';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { expect, test } from '../../../fixtures/harness';
import type { Stack } from '../../stack/stack';
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

test.describe('client authentication as registered: client_secret_post in the body, and nothing else', () => {
  // A code nobody issued: a client that authenticates gets invalid_grant, one that does not gets invalid_client.
  const exchange = (stack: { urls: { auth: string } }, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${stack.urls.auth}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: 'http://127.0.0.1/cb', ...form }),
    });
  const assertion = async (stack: Stack, key: Parameters<SignJWT['sign']>[0], alg: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg })
      .setIssuer(stack.auth.client.clientId)
      .setSubject(stack.auth.client.clientId)
      .setAudience(`${stack.urls.auth}/oauth/token`)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(key);

  test('discovery advertises only client_secret_post', async ({ stack }) => {
    const discovery = (await (await fetch(`${stack.urls.auth}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(['client_secret_post']);
  });

  test('the registered method authenticates; basic, client_secret_jwt, private_key_jwt, none and a wrong secret are invalid_client', async ({ stack }) => {
    const { clientId, clientSecret } = stack.auth.client;
    const posted = await exchange(stack, { client_id: clientId, client_secret: clientSecret });
    expect(posted.status).toBe(400);
    expect(await posted.json()).toMatchObject({ error: 'invalid_grant' });

    const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
    const refused: [string, Promise<Response>][] = [
      ['client_secret_basic', exchange(stack, {}, { authorization: basic })],
      ['client_secret_basic with client_id in the body', exchange(stack, { client_id: clientId }, { authorization: basic })],
      [
        'client_secret_jwt',
        exchange(stack, {
          client_id: clientId,
          client_assertion_type: jwtBearer,
          client_assertion: await assertion(stack, new TextEncoder().encode(clientSecret), 'HS256'),
        }),
      ],
      [
        'private_key_jwt',
        exchange(stack, { client_id: clientId, client_assertion_type: jwtBearer, client_assertion: await assertion(stack, privateKey, 'RS256') }),
      ],
      ['none', exchange(stack, { client_id: clientId })],
      ['a wrong secret', exchange(stack, { client_id: clientId, client_secret: 'wrong' })],
    ];
    for (const [method, pending] of refused) {
      const response = await pending;
      expect(response.status, method).toBeGreaterThanOrEqual(400);
      expect(response.status, method).toBeLessThan(500);
      expect(await response.json(), method).toMatchObject({ error: 'invalid_client' });
    }
  });
});

test('accessible-resources verifies the bearer token: malformed, expired or revoked is a 401, a valid one is served', async ({ stack, tenant }) => {
  const ask = (authorization?: string) => fetch(`${stack.urls.auth}/oauth/token/accessible-resources`, { headers: authorization ? { authorization } : {} });
  const base = { accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: ['read:forge-app:jira'] };
  const valid = (await stack.auth.mintToken(base)).access_token;
  const expired = (await stack.auth.mintToken({ ...base, expired: true })).access_token;
  for (const [what, authorization] of [
    ['no header', undefined],
    ['not a token', 'Bearer not-a-token'],
    ['an expired token', `Bearer ${expired}`],
    ['another scheme', `Basic ${valid}`],
  ] as const) {
    const response = await ask(authorization);
    expect(response.status, what).toBe(401);
    expect(await response.json(), what).toEqual({ code: 401, message: 'Unauthorized' });
  }
  const served = await ask(`Bearer ${valid}`);
  expect(served.status).toBe(200);
  expect(await served.json()).toEqual([]);
});
