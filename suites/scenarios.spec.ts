import { RouteTable } from '../src/app/route-table';
import { runSteps } from '../src/conformance/scenario-steps';
import { app, casesOf, expect, testCase } from './conformance';

const routes = new RouteTable(app.apiRoutes);

for (const c of casesOf('scenarios')) {
  testCase(c, async ({ stack, tokenFor }) => {
    const steps = c.scenario!.steps;
    const tenant = await stack.admin.createTenant({ ...(steps[0]!.request.user && { accountId: steps[0]!.request.user }) });
    const failure = await runSteps(stack, tenant, steps, { routes, tokenFor: (scopes) => tokenFor(scopes, tenant) });
    expect(failure?.unmet ?? [], failure && `${failure.step}: ${failure.unmet.join('; ')}`).toEqual([]);
  });
}
