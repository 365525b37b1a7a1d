import { expect, test } from '@playwright/test';
import { DEFAULT_PROFILE, profileWith } from './profile';

test('overrides change one setting and keep the rest', () => {
  const profile = profileWith({ gateway: { invocationTimeoutMs: 1000, routeScopes: 'any' }, refusals: { siteDisabled: { status: 404 } } });
  expect(profile.gateway.invocationTimeoutMs).toBe(1000);
  expect(profile.gateway.routeScopes).toBe('any');
  expect(profile.gateway.maxRequestBytes).toBe(DEFAULT_PROFILE.gateway.maxRequestBytes);
  expect(profile.refusals.siteDisabled).toEqual({ ...DEFAULT_PROFILE.refusals.siteDisabled, status: 404 });
  expect(DEFAULT_PROFILE.gateway.invocationTimeoutMs).toBe(25_000);
});

test('the default profile is the one facts.md §7 describes, but for the token before the installation (our decision)', () => {
  // An anonymous caller must not learn from 404 versus 401 which sites have the app (profile.ts).
  expect(DEFAULT_PROFILE.gateway.stepOrder).toEqual(['url-form', 'token', 'installation', 'site-enabled', 'route', 'content', 'scopes']);
  expect(DEFAULT_PROFILE.refusals.scopeMismatch).toEqual({
    status: 401,
    failureCategory: 'FAILURE_CLIENT_SCOPE_CHECK',
    body: { code: 401, message: 'Unauthorized; scope does not match' },
  });
  expect(DEFAULT_PROFILE.refusals.siteDisabled).toMatchObject({ status: 403, failureCategory: 'FAILURE_APP_REST_API_DISABLED' });
  expect(DEFAULT_PROFILE.gateway.maxRequestBytes).toBe(5 * 1024 * 1024);
});

test('a step order may change, but never put a step before what it reads', () => {
  expect(
    profileWith({ gateway: { stepOrder: ['url-form', 'route', 'installation', 'token', 'scopes', 'site-enabled', 'content'] } }).gateway.stepOrder[1],
  ).toBe('route');
  expect(() => profileWith({ gateway: { stepOrder: ['url-form', 'installation', 'scopes', 'token', 'site-enabled', 'route', 'content'] } })).toThrow(
    /puts scopes before token and route/,
  );
  expect(() => profileWith({ gateway: { stepOrder: ['url-form', 'installation', 'token'] } })).toThrow(
    /must name every step once; missing or repeated: site-enabled, route, content, scopes/,
  );
  expect(() =>
    profileWith({ gateway: { stepOrder: ['url-form', 'installation', 'token', 'site-enabled', 'route', 'content', 'scopes', 'magic'] as never } }),
  ).toThrow(/unknown gateway steps magic/);
});
