import { RouteTable } from '../src/app/route-table';
import { runSteps } from '../src/conformance/scenario-steps';
import { casesOf, expect, plan, test, testCase } from './conformance';
import { NotOnRemote } from '../src/stack/remote/remote-stack';

const routes = new RouteTable(plan.routes);

for (const c of casesOf('scenarios')) {
  testCase(c, async ({ stack, tokenFor }) => {
    // Its expectations are about a site holding only what its steps put there; on a real deployment every check shares one site.
    if (stack.remote) throw new NotOnRemote('a scenario needs a fresh site of its own, which only the emulated platform makes');
    const steps = c.scenario!.steps;
    const tenant = await stack.admin.createTenant({ ...(steps[0]!.request.user && { accountId: steps[0]!.request.user }) });
    const { failure, notes } = await runSteps(stack, tenant, steps, { routes, tokenFor });
    if (notes.length) test.info().annotations.push({ type: 'note', description: notes.join('; ') });
    expect(failure?.unmet ?? [], failure && `${failure.step}: ${failure.unmet.join('; ')}`).toEqual([]);
  });
}
