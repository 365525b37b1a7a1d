import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HrPortalClient } from '../../fixtures/consumers/hr-portal/client';
import { startPactMock } from '../../src/pact/pact-mock';
import { PLATFORM_STATES } from '../../src/pact/platform-state-names';

// A consumer team testing how its client handles the platform's refusals, against a Pact mock
// built from the platform's own apiRoute gateway contract (contracts/platform/), which the test
// suite verifies against the emulated gateway: the refusals the portal is tested with are the
// ones the platform gives. Each mock holds the interactions given one platform state.
const GATEWAY_PACT = join(import.meta.dirname, '../platform/apiroute-consumer-forge-apiroute-gateway.json');

const cases = [
  { given: PLATFORM_STATES.noToken, token: undefined, call: (c: HrPortalClient) => c.get('2'), failure: 'sign-in-again' },
  { given: PLATFORM_STATES.expiredToken, token: 'an-expired-token', call: (c: HrPortalClient) => c.get('2'), failure: 'sign-in-again' },
  { given: PLATFORM_STATES.otherSite, token: 'another-sites-token', call: (c: HrPortalClient) => c.get('2'), failure: 'sign-in-again' },
  { given: PLATFORM_STATES.restApisDisabled, token: 'a-3lo-token', call: (c: HrPortalClient) => c.get('2'), failure: 'apis-switched-off' },
] as const;

for (const { given, token, call, failure } of cases) {
  test(`given "${given}", the portal reports ${failure}`, async () => {
    await using mock = await startPactMock(GATEWAY_PACT, { given });
    await expect(call(new HrPortalClient(mock.url, token))).rejects.toMatchObject({ failure });
    expect(mock.mismatches()).toEqual([]);
  });
}

test('a token without the write scope: the portal asks for the missing permission', async () => {
  await using mock = await startPactMock(GATEWAY_PACT, { given: PLATFORM_STATES.holdsScopes });
  const hiring = new HrPortalClient(mock.url, 'a-read-only-token').hire({ name: 'Hedy Lamarr', title: 'Inventor', department: 'Engineering' });
  await expect(hiring).rejects.toMatchObject({ failure: 'not-allowed' });
  expect(mock.mismatches()).toEqual([]);
});
