import { SignJWT } from 'jose';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { callApp, expect, test } from '../../../fixtures/harness';
import { rawRequest as raw } from '../../../fixtures/raw-request';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { CORRELATION_HEADER } from './header-names';
import { TokenVerifier } from '../invocation/token-verifier';
import { controlKeyOf } from '../../stack/connect';

// What a hostile-input campaign got through the gateway (issue 11), each reproduced.
const READ = 'read:employee:custom';

test('query and header names that every object has reach the handler like any other, and the call is observed', async ({ stack, tenant, tokenFor }) => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  const token = await tokenFor([READ]);
  for (const name of names) {
    const query = await callApp(stack, tenant, `/employees/1?${name}=1&${name}=2`, { token });
    expect(query.status, name).toBe(200);
    const header = await callApp(stack, tenant, '/employees/1', { token, headers: { [name.toLowerCase()]: 'x' } });
    expect(header.status, name).toBe(200);
    expect((await header.observation()).invocation?.headerNames).toContain(name.toLowerCase());
  }
});

test('bad percent-encoding in the cloudId is a 400, observed, before any token is looked at', async ({ stack, tenant }) => {
  const response = await callApp(stack, { ...tenant, site: { ...tenant.site, cloudId: '%ZZ' } }, '/employees/1');
  expect(response.status).toBe(400);
  expect(await response.observation()).toMatchObject({ decision: 'refused', step: 'url-form' });
});

test('dot segments and malformed percent-encoding in the app path are a 400 in both URL forms, with a valid token, and no handler runs', async ({
  stack,
  tenant,
  tokenFor,
}) => {
  const token = await tokenFor([READ]);
  const app = `${stack.app.id}_${stack.app.envId}`;
  const siteHost = new URL(tenant.site.url).host;
  const prefixes = [
    { prefix: `/svc/jira/${tenant.site.cloudId}/apps/${app}`, host: new URL(stack.urls.gateway).host },
    { prefix: `/gateway/api/svc/jira/apps/${app}`, host: siteHost },
  ];
  const paths = [
    '/employees/..',
    '/employees/.',
    '/employees/%2e%2e',
    '/employees/%2E',
    '/employees/.%2e',
    '/employees/%',
    '/employees/%ZZ',
    '/employees/%C0%AE%C0%AE',
  ];
  for (const { prefix, host } of prefixes) {
    for (const path of paths) {
      for (const target of [`${prefix}${path}`, `http://${host}${prefix}${path}`]) {
        const correlationId = randomUUID();
        const response = await raw(stack.urls.gateway, target, { host, authorization: `Bearer ${token}`, [CORRELATION_HEADER]: correlationId });
        expect(response.status, target).toBe(400);
        const [observed] = await stack.observations.calls(correlationId);
        expect(observed, target).toMatchObject({ decision: 'refused', step: 'url-form' });
        expect(observed!.invocation, target).toBeUndefined();
      }
    }
  }
  // The same token on a plain path is served: the refusal is the path's.
  expect((await raw(stack.urls.gateway, `${prefixes[0]!.prefix}/employees/1`, { host: prefixes[0]!.host, authorization: `Bearer ${token}` })).status).toBe(200);
});

test('an anonymous caller learns nothing about which sites have the app: 401 whether the site exists or not', async ({ stack, tenant, tokenFor }) => {
  const unknownSite = { ...tenant, site: { ...tenant.site, cloudId: '00000000-0000-4000-8000-000000000000' } };
  expect((await callApp(stack, tenant, '/employees/1')).status).toBe(401);
  expect((await callApp(stack, unknownSite, '/employees/1')).status).toBe(401);
  // A token holder of another site learns nothing either.
  expect((await callApp(stack, unknownSite, '/employees/1', { token: await tokenFor([READ]) })).status).toBe(401);
});

test('an absolute-form request target names the site, not the Host header (RFC 9112 §3.2.2)', async ({ stack, tenant, tokenFor }) => {
  const token = await tokenFor([READ]);
  const other = await stack.admin.createTenant();
  const path = `/gateway/api/svc/jira/apps/${stack.app.id}_${stack.app.envId}/employees/1`;
  const siteHost = new URL(tenant.site.url).host;
  const absolute = await raw(stack.urls.gateway, `http://${siteHost}${path}`, { host: new URL(other.site.url).host, authorization: `Bearer ${token}` });
  expect(absolute.status).toBe(200);
  const misdirected = await raw(stack.urls.gateway, `http://${new URL(other.site.url).host}${path}`, { host: siteHost, authorization: `Bearer ${token}` });
  expect(misdirected.status).toBe(401);
});

test("a caller's atl-* headers never reach the handler", async ({ stack, tenant, tokenFor }) => {
  const response = await callApp(stack, tenant, '/employees/1', {
    token: await tokenFor([READ]),
    headers: { 'atl-traceid': 'forged', 'atl-confirmed-user': 'admin' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('atl-traceid')).not.toBe('forged');
  const { headerNames } = (await response.observation()).invocation!;
  expect(headerNames.filter((name) => name.startsWith('atl-'))).toEqual([]);
});

test('a Content-Type padded with a non-breaking space is no JSON media type: 415', async ({ stack, tenant, tokenFor }) => {
  const token = await tokenFor(['write:employee:custom']);
  const body = JSON.stringify({ name: 'Mary Jackson', title: 'Engineer', department: 'Engineering' });
  const padded = await callApp(stack, tenant, '/employees', {
    method: 'POST',
    token,
    headers: { 'content-type': Buffer.from('application/json\u00a0', 'latin1').toString('latin1') },
    body,
  });
  expect(padded.status).toBe(415);
  const tabbed = await callApp(stack, tenant, '/employees', { method: 'POST', token, headers: { 'content-type': 'application/json\t; charset=utf-8' }, body });
  expect(tabbed.status).toBe(201);
});

test("a revoked grant's access tokens stop working at the next call", async ({ stack, tenant }) => {
  const minted = await stack.auth.mintToken({
    accountId: tenant.user.accountId,
    cloudId: tenant.site.cloudId,
    scopes: ['read:forge-app:jira', READ],
    offline: true,
  });
  expect((await callApp(stack, tenant, '/employees/1', { token: minted.access_token })).status).toBe(200);
  await stack.auth.revokeGrant(minted.grant_id);
  expect((await callApp(stack, tenant, '/employees/1', { token: minted.access_token })).status).toBe(401);
});

test('reusing a rotated refresh token revokes the grant, and its access tokens with it (profile auth.refreshTokenReuse)', async ({ stack, tenant }) => {
  const minted = await stack.auth.mintToken({
    accountId: tenant.user.accountId,
    cloudId: tenant.site.cloudId,
    scopes: ['read:forge-app:jira', READ],
    offline: true,
  });
  const refreshed = await stack.auth.refresh(minted.refresh_token!);
  expect((await callApp(stack, tenant, '/employees/1', { token: refreshed.access_token })).status).toBe(200);
  await expect(stack.auth.refresh(minted.refresh_token!)).rejects.toThrow(/invalid_grant/);
  expect((await callApp(stack, tenant, '/employees/1', { token: refreshed.access_token })).status).toBe(401);
  expect((await callApp(stack, tenant, '/employees/1', { token: minted.access_token })).status).toBe(401);
});

test('a token issued in the future is refused', async () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k', alg: 'RS256' };
  const verifier = new TokenVerifier({ issuer: 'http://issuer.invalid', jwks: { keys: [jwk] }, isDenied: () => false, clockToleranceSeconds: 5 });
  const sign = (iat: number) =>
    new SignJWT({ scope: 'read:forge-app:jira', cloud_id: 'c' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer('http://issuer.invalid')
      .setAudience('api.atlassian.com')
      .setSubject('u')
      .setJti(`j${iat}`)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(privateKey);
  const now = Math.floor(Date.now() / 1000);
  await expect(verifier.verify(await sign(now + 600))).rejects.toThrow(/issued in the future/);
  await expect(verifier.verify(await sign(now))).resolves.toMatchObject({ accountId: 'u' });
});

test('the observation log answers only to the control key', async ({ stack }) => {
  expect((await fetch(`${stack.urls.gateway}/_observe/calls`)).status).toBe(403);
  expect((await fetch(`${stack.urls.gateway}/_observe/calls`, { headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) } })).status).toBe(200);
});
