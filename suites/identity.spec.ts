import { callRoute, casesOf, expect, handlerResultMissing, requireEvidence, routeScopes, testCase } from './conformance';

/** An identity no real account has, so it can be looked for in what comes back. */
const FORGED = '712020:forged-conformance-identity-probe';

for (const c of casesOf('identity')) {
  testCase(c, async ({ stack, tenant, tokenFor }) => {
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c)), headers: { 'x-slauth-user-context-account-id': FORGED } });
    const observed = await call.observation();
    // What a handler that never ran was given says nothing about what it sees.
    const missing = handlerResultMissing(observed);
    requireEvidence(!missing, missing!);
    expect(observed.invocation!.accountId).toBe(tenant.user.accountId);
    expect(observed.invocation!.headerNames).toContain('x-slauth-user-context-account-id');
    expect(call.text, 'the forged identity must not surface in the response').not.toContain(FORGED);
  });
}
