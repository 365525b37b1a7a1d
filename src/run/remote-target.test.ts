import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SAMPLE_APP } from '../../fixtures/apps';
import { forgeConformanceAsync } from '../../fixtures/cli-run';
import { loadApp } from '../app/load-app';
import { PRODUCT_SCOPE } from '../platform/model';
import { callApp } from '../stack/clients/app-client';
import { startEmbeddedStack } from '../stack/embedded';
import { accessToken } from '../stack/remote/deployment-file';

test.describe.configure({ timeout: 300_000 });

/**
 * The remote target's whole code path, pointed at a platform running here as a team's real
 * development environment would be: a profile naming its gateway and sites, and tokens in
 * environment variables, as a CI secret store would hold them.
 */
test('run --target remote: the refusals hold at the category level, and what a real deployment cannot offer is skipped with the reason', async ({}, testInfo) => {
  await using stack = await startEmbeddedStack({ app: SAMPLE_APP });
  const [main, other, disabled] = [await stack.admin.createTenant(), await stack.admin.createTenant(), await stack.admin.createTenant({ enabled: false })];
  const product = PRODUCT_SCOPE.jira;
  // Every scope set the checks ask for: each route's, each with one route scope left out, and each without the product scope.
  const sets = new Map<string, string[]>();
  for (const route of loadApp(SAMPLE_APP).apiRoutes) {
    for (const set of [[product, ...route.scopes], [...route.scopes], ...route.scopes.map((left) => [product, ...route.scopes.filter((s) => s !== left)])])
      sets.set([...set].sort().join(' '), set);
  }
  const env: Record<string, string> = {};
  const mint = async (name: string, tenant: typeof main, scopes: string[]) => {
    env[name] = (await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes })).access_token;
  };
  const tokens = [...sets.values()].map((scopes, i) => ({ scopes, env: `REMOTE_TOKEN_${i}` }));
  for (const token of tokens) await mint(token.env, main, token.scopes);
  // The first scope set comes from a refresh token and the app's client credentials instead, fetched when the run starts.
  if (stack.description.target === 'remote') throw new Error('a local stack was expected');
  const { oauthClient } = stack.description;
  const [refreshed] = tokens;
  Object.assign(env, {
    REMOTE_CLIENT_ID: oauthClient.clientId,
    REMOTE_CLIENT_SECRET: oauthClient.clientSecret,
    REMOTE_REFRESH_TOKEN: (await stack.auth.mintToken({ accountId: main.user.accountId, cloudId: main.site.cloudId, scopes: refreshed!.scopes, offline: true }))
      .refresh_token!,
  });
  const refreshSource = {
    scopes: refreshed!.scopes,
    refresh: {
      tokenUrl: `${stack.urls.auth}/oauth/token`,
      clientIdEnv: 'REMOTE_CLIENT_ID',
      clientSecretEnv: 'REMOTE_CLIENT_SECRET',
      refreshTokenEnv: 'REMOTE_REFRESH_TOKEN',
    },
  };
  const route = loadApp(SAMPLE_APP).apiRoutes.find((r) => r.operation === 'GET' && [product, ...r.scopes].join(' ') === refreshed!.scopes.join(' '))!;
  // What the run will do with it (with a refresh token of its own: a refresh token is used once): a fresh access token that opens the route.
  const probe = (await stack.auth.mintToken({ accountId: main.user.accountId, cloudId: main.site.cloudId, scopes: refreshed!.scopes, offline: true }))
    .refresh_token!;
  const fresh = await accessToken(refreshSource, { ...env, REMOTE_REFRESH_TOKEN: probe });
  expect((await callApp(stack, main, route.routePath.replace(/\*\*?/g, '2'), { token: fresh })).status).toBeLessThan(400);
  const allScopes = [product, ...new Set(loadApp(SAMPLE_APP).apiRoutes.flatMap((r) => r.scopes))];
  await mint('REMOTE_OTHER_SITE_TOKEN', other, allScopes);
  await mint('REMOTE_DISABLED_SITE_TOKEN', disabled, allScopes);
  const profile = testInfo.outputPath('remote.yaml');
  writeFileSync(
    profile,
    [
      'version: 1',
      'product: jira',
      `cloudId: ${main.site.cloudId}`,
      `appId: ${stack.app.id}`,
      `environmentId: ${stack.app.envId}`,
      `gateway: ${stack.urls.gateway}`,
      'tokens:',
      ...tokens.slice(1).flatMap((t) => [`  - env: ${t.env}`, `    scopes: [${t.scopes.join(', ')}]`]),
      `  - scopes: [${refreshSource.scopes.join(', ')}]`,
      '    refresh:',
      ...Object.entries(refreshSource.refresh).map(([key, value]) => `      ${key}: ${value}`),
      'anotherSite:',
      '  env: REMOTE_OTHER_SITE_TOKEN',
      'disabledSite:',
      `  cloudId: ${disabled.site.cloudId}`,
      '  env: REMOTE_DISABLED_SITE_TOKEN',
      '',
    ].join('\n'),
  );

  // Local variables are not the deployment's: a remote run names none, whatever file it is given.
  const variables = testInfo.outputPath('forge-variables.yaml');
  writeFileSync(variables, "version: 1\nvariables:\n  LOCAL_ONLY: not the deployment's\n");
  const run = await forgeConformanceAsync(
    env,
    'run',
    SAMPLE_APP,
    '--target',
    'remote',
    '--remote',
    profile,
    '--variables',
    variables,
    '--out',
    testInfo.outputPath('reports'),
  );
  expect(run.code, run.output.slice(-2000)).toBe(0);
  const summary = run.summary!;
  expect(summary.target).toBe('remote');
  expect(summary.variables).toEqual([]);
  // Most checks cannot run there: whatever it finds, a remote run is no verdict on the app.
  expect(summary.verdict).toBe('partial');
  expect(run.output).toContain('a partial run (--target remote) found no failure');
  const cases = (id: string) => summary.checks.filter((c) => c.id === id);
  const reasons = (id: string) => [...new Set(cases(id).map((c) => `${c.outcome}: ${c.message}`))];
  // The route whose example names a user needs that user's own site: only the emulator makes one.
  const NAMED_USER = 'skipped: not on a real deployment: a site or user of its own is made only on the emulated platform';
  // Refusals a real platform makes, asserted as a 4xx, on every route that can run there.
  for (const id of [
    'APIROUTE-AUTH-01',
    'APIROUTE-AUTH-03',
    'APIROUTE-ADMIN-01',
    'APIROUTE-SCOPE-01',
    'APIROUTE-SCOPE-02',
    'APIROUTE-ROUTE-01',
    'APIROUTE-CONTENT-01',
    'APIROUTE-CONTENT-02',
  ]) {
    expect(cases(id).filter((c) => c.outcome === 'pass').length, id).toBeGreaterThanOrEqual(5);
    expect(
      reasons(id).filter((r) => !r.startsWith('pass')),
      id,
    ).toEqual(id === 'APIROUTE-ROUTE-01' ? [] : [NAMED_USER]);
  }
  // What only the emulator offers is skipped, with the reason; never passed.
  expect(reasons('APIROUTE-AUTH-02').sort()).toEqual([
    NAMED_USER,
    'skipped: not on a real deployment: a token with a made-up expiry, app or audience is minted only on the emulated platform',
  ]);
  for (const id of ['APIROUTE-CONSENT-01', 'APIROUTE-IDENTITY-01', 'EGRESS-ALLOWLIST-01', 'EGRESS-TOKEN-01', 'EGRESS-STUB-01'])
    expect(reasons(id).sort(), id).toEqual([NAMED_USER, 'skipped: not on a real deployment: the observation log (calls) exists only on the emulated platform']);
  expect(reasons('CONTRACT-PACT-01')).toEqual([expect.stringMatching(/^skipped: not on a real deployment: a pact's provider states/)]);
  expect(reasons('SCENARIO-01')).toEqual([
    'skipped: not on a real deployment: a scenario needs a fresh site of its own, which only the emulated platform makes',
  ]);
  expect(summary.counts.fail).toBe(0);
  // No observation log: no route coverage, and no verdict on egress.
  expect(summary.coverage).toEqual([]);
  expect(summary.checks.filter((c) => c.id === 'APIROUTE-COVERAGE-01')).toEqual([]);
  // The calls did go through the deployment's gateway (here, ours): refused ones among them.
  const calls = await stack.observations.calls();
  expect(calls.filter((c) => c.decision === 'refused' && c.step === 'site-enabled').length).toBeGreaterThan(0);
  expect(calls.filter((c) => c.decision === 'refused' && c.step === 'token').length).toBeGreaterThan(0);
});
