import { callRoute, casesOf, check, expectRefused, routeScopes } from './conformance';

for (const c of casesOf('admin-disabled')) {
  check(c, async ({ stack, tokenFor }) => {
    const tenant = await stack.admin.createTenant({ enabled: false });
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c), tenant) });
    await expectRefused(stack, call, stack.profile.rejections.siteDisabled);
  });
}
