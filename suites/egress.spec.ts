import { callRoute, casesOf, check, expect, routeScopes } from './conformance';

for (const c of casesOf('egress')) {
  check(c, async ({ stack, tenant, tokenFor }) => {
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c)) });
    const { invocation } = await call.observation();
    expect(invocation, 'the consented call must reach the handler').toBeDefined();
    const traffic = await stack.observations.traffic(invocation!.invocationId);
    if (c.checkId === 'EGRESS-ALLOWLIST-01') {
      const undeclared = traffic.filter((e) => e.error === 'REQUEST_EGRESS_ALLOWLIST_ERR').map((e) => `${e.method} ${e.target}`);
      expect(undeclared, 'requests to domains the manifest does not declare').toEqual([]);
    } else {
      const leaked = traffic.filter((e) => e.callerTokenSeen).map((e) => `${e.method} ${e.target}`);
      expect(leaked, "requests that carried the caller's bearer token").toEqual([]);
    }
  });
}
