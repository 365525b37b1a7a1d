import { callRoute, casesOf, check, expect, requireEvidence, routeScopes, successPathMissing } from './conformance';

for (const c of casesOf('egress')) {
  check(c, async ({ stack, tenant, tokenFor }) => {
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c)) });
    const observed = await call.observation();
    // No traffic from a handler that never reached its success path proves nothing about its egress.
    const missing = successPathMissing(observed, c);
    requireEvidence(!missing, missing!);
    const traffic = await stack.observations.traffic(observed.invocation!.invocationId);
    if (c.checkId === 'EGRESS-ALLOWLIST-01') {
      const undeclared = traffic.filter((e) => e.error === 'REQUEST_EGRESS_ALLOWLIST_ERR').map((e) => `${e.method} ${e.target}`);
      expect(undeclared, 'requests to domains the manifest does not declare').toEqual([]);
    } else {
      const leaked = traffic.filter((e) => e.callerTokenSeen).map((e) => `${e.method} ${e.target}`);
      expect(leaked, "requests that carried the caller's bearer token").toEqual([]);
    }
  });
}
