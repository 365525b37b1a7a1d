import { callRoute, casesOf, expectRefused, routeScopes, testCase } from './conformance';

for (const c of casesOf('scope-denial')) {
  testCase(c, async ({ stack, tenant, tokenFor }) => {
    const custom = routeScopes(c).filter((s) => s !== c.missingScope);
    // APIROUTE-SCOPE-01 leaves one route scope out; APIROUTE-SCOPE-02 the product scope.
    const token =
      c.checkId === 'APIROUTE-SCOPE-02'
        ? (await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes: custom })).access_token
        : await tokenFor(custom);
    const call = await callRoute(stack, tenant, c, { token });
    await expectRefused(stack, call, stack.profile.refusals.scopeMismatch);
  });
}
