import { callRoute, casesOf, expect, requireEvidence, routeScopes, successPathMissing, testCase } from './conformance';

for (const c of casesOf('egress')) {
  testCase(c, async ({ stack, tenant, tokenFor }) => {
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c)) });
    const observed = await call.observation();
    const traffic = observed.invocation ? await stack.observations.traffic(observed.invocation.invocationId) : [];
    const violations =
      c.checkId === 'EGRESS-ALLOWLIST-01'
        ? traffic.filter((e) => e.error === 'REQUEST_EGRESS_ALLOWLIST_ERR').map((e) => `${e.method} ${e.target}`)
        : traffic.filter((e) => e.callerTokenSeen).map((e) => `${e.method} ${e.target} (in ${(e.callerTokenAt ?? ['a header']).join(', ')})`);
    // A violation the proxy saw is evidence enough, however the handler ended; its absence proves
    // something only when the handler reached its success path.
    if (violations.length === 0) {
      const missing = successPathMissing(observed, c);
      requireEvidence(!missing, missing!);
    }
    expect(
      violations,
      c.checkId === 'EGRESS-ALLOWLIST-01' ? 'requests to domains the manifest does not declare' : "requests that carried the caller's access token",
    ).toEqual([]);
  });
}
