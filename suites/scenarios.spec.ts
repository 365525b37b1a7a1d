import { RouteTable } from '../src/app/route-table';
import { unmetExpectations } from '../src/conformance/response-expectations';
import { app, callApp, casesOf, expect, testCase } from './conformance';

const routes = new RouteTable(app.apiRoutes);

for (const c of casesOf('scenarios')) {
  testCase(c, async ({ stack, tokenFor }) => {
    const steps = c.scenario!.steps;
    const tenant = await stack.admin.createTenant({ ...(steps[0]!.request.user && { accountId: steps[0]!.request.user }) });
    for (const [index, { request, expect: expected }] of steps.entries()) {
      const step = steps.length > 1 ? `step ${index + 1} (${request.method} ${request.path})` : `${request.method} ${request.path}`;
      const matched = routes.match(request.method, request.path);
      const scopes = request.scopes ?? (matched.kind === 'matched' ? [...matched.route.scopes] : []);
      const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const call = await callApp(stack, tenant, request.path, {
        method: request.method,
        ...(request.token !== 'none' && { token: await tokenFor(scopes, tenant) }),
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...request.headers },
        ...(body !== undefined && { body }),
      });
      const unmet = unmetExpectations(expected, call);
      expect(unmet, `${step}: ${unmet.join('; ')}`).toEqual([]);
    }
  });
}
