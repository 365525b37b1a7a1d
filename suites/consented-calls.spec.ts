import { answerDefects } from '../src/conformance/answer-defects';
import { callRoute, casesOf, expect, routeScopes, testCase } from './conformance';

for (const c of casesOf('consented-calls')) {
  testCase(c, async ({ stack, tenant, tokenFor }) => {
    const call = await callRoute(stack, tenant, c, { token: await tokenFor(routeScopes(c)) });
    const observed = await call.observation();
    expect(observed.decision, `the platform refused the consented call (${observed.step}: ${observed.reason})`).toBe('invoked');
    expect(observed.invocation!.routeKey).toBe(c.route!.key);
    expect(observed.invocation!.outcome, `the handler failed: ${observed.reason}`).toBe('returned');
    expect(call.status).toBe(observed.status);
    // A documented response: JSON when it says so, and no 5xx to the app's own example.
    expect(answerDefects(call, { ownExample: c.fromExample === true })).toEqual([]);
  });
}
