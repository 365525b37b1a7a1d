import { callRoute, casesOf, expectRefused, routeScopes, testCase } from './conformance';

for (const c of casesOf('admin-disabled')) {
  testCase(c, async ({ stack, tokenFor }) => {
    const tenant = await stack.admin.createTenant({ enabled: false });
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c), tenant) });
    await expectRefused(stack, call, stack.profile.refusals.siteDisabled);
  });
}
