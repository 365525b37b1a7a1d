import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SAMPLE_APP } from '../../fixtures/apps';
import { startEmbeddedStack } from '../stack/embedded';
import { verifyPacts, verifyProxyPacts } from './verify-pacts';

// The platform's own pacts (contracts/platform/), verified against the harness's own gateway and
// proxy, so the contract consumers build against and the emulator cannot drift apart.
const PLATFORM_PACTS = join(import.meta.dirname, '../../contracts/platform');
const GATEWAY_PACT = join(PLATFORM_PACTS, 'apiroute-consumer-forge-apiroute-gateway.json');
const PROXY_PACT = join(PLATFORM_PACTS, 'forge-containers-service-forge-outbound-proxy.json');

test.describe.configure({ timeout: 120_000 });

test("the apiRoute gateway keeps its published contract: every refusal as the pact says, before the app's code runs", async () => {
  await using stack = await startEmbeddedStack({ app: SAMPLE_APP });
  const verdicts = await verifyPacts(stack, [GATEWAY_PACT]);
  expect(verdicts.length).toBeGreaterThanOrEqual(9);
  expect(verdicts.filter((v) => !v.ok)).toEqual([]);
  const calls = await stack.observations.calls();
  expect(calls.length, 'every interaction went through the gateway').toBeGreaterThanOrEqual(verdicts.length);
  expect(
    calls.filter((c) => c.invocation !== undefined),
    'no refusal reached the handler',
  ).toEqual([]);
});

test('the Outbound Proxy keeps its published contract with container services: the seven methods and each refusal', async () => {
  await using stack = await startEmbeddedStack({ app: SAMPLE_APP });
  const verdicts = await verifyProxyPacts(stack, [PROXY_PACT]);
  expect(verdicts.length).toBeGreaterThanOrEqual(12);
  expect(verdicts.filter((v) => !v.ok)).toEqual([]);
});
