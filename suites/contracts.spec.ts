import { verifyPacts, type InteractionVerdict } from '../src/pact/verify-pacts';
import { NotOnRemote } from '../src/stack/remote/remote-stack';
import type { Stack } from '../src/stack/stack';
import { casesOf, expect, plan, requireEvidence, test, testCase } from './conformance';

// The consumers' pacts are verified in one pass (pact-core verifies a whole pact at once), on
// the first case a worker runs; each case then reads its own interaction's verdict. The cases
// run in order in one worker, so the pass is made once unless a failure restarts the worker.
let verification: Promise<InteractionVerdict[]> | undefined;
const verdicts = (stack: Stack) => (verification ??= verifyPacts(stack, plan.pactFiles));

test.describe(() => {
  test.describe.configure({ mode: 'default', timeout: 120_000 });
  for (const c of casesOf('contracts')) {
    testCase(c, async ({ stack }) => {
      if (stack.remote) throw new NotOnRemote("a pact's provider states are set up through the admin plane and minted tokens");
      const { consumer, description } = c.interaction!;
      const verdict = (await verdicts(stack)).find((v) => v.consumer === consumer && v.description === description);
      requireEvidence(verdict !== undefined, `pact-core reported no result for ${consumer}: ${description}`);
      expect(verdict!.problems, `given ${verdict!.states.join(' and ') || 'no state'}: ${verdict!.problems.join('; ')}`).toEqual([]);
      expect(verdict!.ok, 'pact-core says the interaction holds').toBe(true);
    });
  }
});
