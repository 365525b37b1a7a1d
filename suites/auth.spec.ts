import { PRODUCT_SCOPE } from '../src/app/products';
import { callRoute, casesOf, expectRefused, routeScopes, testCase } from './conformance';

for (const c of casesOf('auth')) {
  testCase(c, async ({ stack, tenant }) => {
    const scopes = [PRODUCT_SCOPE[tenant.installation.product], ...routeScopes(c)];
    let token: string | undefined;
    if (c.checkId === 'APIROUTE-AUTH-02') {
      token = (await stack.auth.mintToken({ accountId: tenant.user.accountId, cloudId: tenant.site.cloudId, scopes, expired: true })).access_token;
    } else if (c.checkId === 'APIROUTE-AUTH-03' && stack.remote) {
      token = stack.remote.anotherSiteToken();
    } else if (c.checkId === 'APIROUTE-AUTH-03') {
      const other = await stack.admin.createTenant();
      token = (await stack.auth.mintToken({ accountId: other.user.accountId, cloudId: other.site.cloudId, scopes })).access_token;
    }
    const call = await callRoute(stack, tenant, c, token === undefined ? {} : { token });
    await expectRefused(stack, call, stack.profile.refusals.unauthorized);
  });
}
