import { callRoute, casesOf, expectRefused, routeScopes, testCase } from './conformance';

/** One byte over the profile's limit, made once per worker and limit: a 5 MB body per route would be filled anew every time. */
let oversized = Buffer.alloc(0);
const overLimit = (maxRequestBytes: number) => (oversized.length === maxRequestBytes + 1 ? oversized : (oversized = Buffer.alloc(maxRequestBytes + 1, 0x20)));

for (const c of casesOf('routing')) {
  testCase(c, async ({ stack, tenant, tokenFor }) => {
    const token = await tokenFor(routeScopes(c));
    const { refusals, gateway } = stack.profile;
    if (c.checkId === 'APIROUTE-ROUTE-01') {
      const call = await callRoute(stack, tenant, c, {
        token,
        method: c.undeclaredOperation,
        body: ['GET', 'DELETE'].includes(c.undeclaredOperation!) ? undefined : '{}',
        headers: { 'content-type': 'application/json' },
      });
      await expectRefused(stack, call, refusals.methodNotAllowed, { allow: c.allowed!.join(', ') });
    } else if (c.checkId === 'APIROUTE-CONTENT-01') {
      const call = await callRoute(stack, tenant, c, { token, body: 'name=conformance', headers: { 'content-type': 'text/plain' } });
      await expectRefused(stack, call, refusals.unsupportedMediaType);
    } else {
      const call = await callRoute(stack, tenant, c, {
        token,
        body: overLimit(gateway.maxRequestBytes),
        headers: { 'content-type': 'application/json' },
      });
      await expectRefused(stack, call, refusals.payloadTooLarge);
    }
  });
}
