import { callRoute, casesOf, expect, requireEvidence, routeScopes, successPathMissing, testCase } from './conformance';

for (const c of casesOf('proxy-methods')) {
  testCase(c, async ({ stack, tenant, tokenFor }) => {
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c)) });
    const observed = await call.observation();
    const traffic = observed.invocation ? await stack.observations.traffic(observed.invocation.invocationId) : [];
    const unanswered = traffic.filter((e) => e.error === 'UPSTREAM_ERROR').map((e) => `${e.method} ${e.target}: ${e.reason}`);
    // An unanswered request is evidence however the handler ended; none proves much only on the success path.
    if (unanswered.length === 0) {
      const missing = successPathMissing(observed, c);
      requireEvidence(!missing, missing!);
    }
    expect(unanswered, 'external requests without an answer (add upstream stubs for them)').toEqual([]);
  });
}
