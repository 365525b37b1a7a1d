import * as client from 'openid-client';
import { callApp, expect, test } from '../../../fixtures/harness';
import { PageSession } from '../../stack/clients/page-session';
import { startEmbeddedStack } from '../../stack/embedded';
import { SAMPLE_APP } from '../../../fixtures/apps';

const READ = 'read:employee:custom';
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

test.describe('the consent flow, driven by openid-client as a standard OAuth client', () => {
  test('authorize, consent, exchange, call, refresh with rotation', async ({ stack, tenant }) => {
    const config = await client.discovery(
      new URL(stack.urls.auth),
      stack.auth.client.clientId,
      undefined,
      client.ClientSecretPost(stack.auth.client.clientSecret),
      {
        execute: [client.allowInsecureRequests],
      },
    );
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      audience: 'api.atlassian.com',
      scope: `read:forge-app:jira ${READ} offline_access`,
      redirect_uri: stack.auth.client.redirectUris[0]!,
      state,
      prompt: 'consent',
      sns: stack.auth.sns,
    });
    const pages = new PageSession();
    let page = await pages.follow(url.href);
    expect(await page.text()).toContain(tenant.user.name);
    page = await pages.follow(new URL(`${new URL(page.url).pathname}/login`, stack.urls.auth).href, { accountId: tenant.user.accountId });
    const consent = await page.text();
    expect(consent).toContain('View employee records');
    expect(consent).toContain(tenant.site.name);
    const action = /action="([^"]+\/consent)"/.exec(consent)![1]!;
    const callback = await pages.follow(new URL(action, stack.urls.auth).href, {
      cloudId: tenant.site.cloudId,
      scope: ['read:forge-app:jira', READ, 'offline_access'],
    });

    const tokens = await client.authorizationCodeGrant(config, new URL(callback.url), { expectedState: state });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope!.split(' ').sort()).toEqual(['offline_access', 'read:forge-app:jira', `${stack.auth.sns}:${READ}`].sort());
    expect(claimsOf(tokens.access_token)).toMatchObject({
      aud: 'api.atlassian.com',
      sub: tenant.user.accountId,
      account_id: tenant.user.accountId,
      cloud_id: tenant.site.cloudId,
      sns: stack.auth.sns,
    });
    expect((await callApp(stack, tenant, '/employees/1', { token: tokens.access_token })).status).toBe(200);

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(claimsOf(refreshed.access_token)).toMatchObject({ cloud_id: tenant.site.cloudId });
    expect((await callApp(stack, tenant, '/employees/1', { token: refreshed.access_token })).status).toBe(200);
    // Rotation: the old refresh token died with its first use.
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

test.describe('the adaptations of facts.md §8', () => {
  test('1: /oauth/token takes JSON bodies, and refuses malformed JSON as invalid_request', async ({ stack }) => {
    const response = await fetch(`${stack.urls.auth}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  test('2 and 4: the chosen site is in the token; the response scope is namespaced, with offline_access', async ({ stack, tenant }) => {
    const tokens = await stack.auth.consent({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: [READ] });
    expect(claimsOf(tokens.access_token).cloud_id).toBe(tenant.site.cloudId);
    expect(tokens.scope).toBe(`read:forge-app:jira ${stack.auth.sns}:${READ} offline_access`);
  });

  test('3: an unticked scope is left out of the token, and the route needing it is denied', async ({ stack, tenant }) => {
    const tokens = await stack.auth.consent({
      accountId: tenant.user.accountId,
      cloudId: tenant.site.cloudId,
      scopes: [READ, 'read:payroll:custom'],
      untick: ['read:payroll:custom'],
    });
    expect(tokens.scope).not.toContain('read:payroll:custom');
    const denied = await callApp(stack, tenant, '/payroll/employees/1', { token: tokens.access_token });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect((await callApp(stack, tenant, '/employees/1', { token: tokens.access_token })).status).toBe(200);
  });

  test('5 and 6: minted tokens refresh like consented ones; a revoked grant cannot refresh', async ({ stack, tenant }) => {
    const minted = await stack.auth.mintToken({
      accountId: tenant.user.accountId,
      cloudId: tenant.site.cloudId,
      scopes: ['read:forge-app:jira', READ],
      offline: true,
    });
    const refreshed = await stack.auth.refresh(minted.refresh_token!);
    expect(claimsOf(refreshed.access_token)).toMatchObject({ cloud_id: tenant.site.cloudId, scope: `read:forge-app:jira ${stack.auth.sns}:${READ}` });
    await stack.auth.revokeGrant(minted.grant_id);
    await expect(stack.auth.refresh(refreshed.refresh_token!)).rejects.toThrow(/invalid_grant/);
  });

  test('a short-lived token stops working when it expires', async ({ stack, tenant }) => {
    const minted = await stack.auth.mintToken({
      accountId: tenant.user.accountId,
      cloudId: tenant.site.cloudId,
      scopes: ['read:forge-app:jira', READ],
      ttlSeconds: 1,
    });
    expect((await callApp(stack, tenant, '/employees/1', { token: minted.access_token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await callApp(stack, tenant, '/employees/1', { token: minted.access_token })).status).toBe(401);
  });
});

test.describe('who may consent, to what', () => {
  test('a user who is not a member of the site cannot consent', async ({ stack, tenant }) => {
    const outsider = await stack.admin.createUser({ name: 'Eve Outsider' });
    await expect(stack.auth.consent({ accountId: outsider.accountId, cloudId: tenant.site.cloudId, scopes: [READ] })).rejects.toThrow(/not a member/);
  });

  test('a member cannot pick a site where the app is not installed', async ({ stack, tenant }) => {
    const bare = await stack.admin.createSite({ name: 'No app here' });
    await stack.admin.addMember(bare.cloudId, tenant.user.accountId);
    await expect(stack.auth.consent({ accountId: tenant.user.accountId, cloudId: bare.cloudId, scopes: [READ] })).rejects.toThrow(
      /no authorization code|403|Access denied/,
    );
  });

  test('without sns the custom scopes are dropped, as Atlassian does', async ({ stack, tenant }) => {
    const tokens = await stack.auth.consent({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: [READ], omitSns: true });
    expect(tokens.scope).toBe('read:forge-app:jira offline_access');
  });

  test('ECO-1289: the console URL without the product scope gives tokens every call refuses', async ({ stack, tenant }) => {
    const url = stack.auth.authorizationUrl({ scopes: [READ], reproduceEco1289: true });
    expect(new URL(url).searchParams.get('scope')).toBe(`${READ} offline_access`);
    const tokens = await stack.auth.consent({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: [READ], reproduceEco1289: true });
    const response = await callApp(stack, tenant, '/employees/1', { token: tokens.access_token });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
  });

  test('no offline_access, no refresh token', async ({ stack, tenant }) => {
    const tokens = await stack.auth.consent({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: [READ], offline: false });
    expect(tokens.refresh_token).toBeUndefined();
  });
});

test('accessible-resources answers an empty list to a bearer, 401 without one', async ({ stack, tenant }) => {
  const minted = await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: ['read:forge-app:jira'] });
  const listed = await fetch(`${stack.urls.auth}/oauth/token/accessible-resources`, { headers: { authorization: `Bearer ${minted.access_token}` } });
  expect(await listed.json()).toEqual([]);
  expect((await fetch(`${stack.urls.auth}/oauth/token/accessible-resources`)).status).toBe(401);
});

test('the test controls are off unless the stack enables them', async () => {
  await using stack = await startEmbeddedStack({ app: SAMPLE_APP, testControls: false });
  const response = await fetch(`${stack.urls.auth}/_test/tokens`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(404);
});
