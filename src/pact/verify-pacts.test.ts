import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, APPS_DIR, brokenApp, brokenApps, SAMPLE_APP } from '../../fixtures/apps';
import { startEmbeddedStack } from '../stack/embedded';
import { verifyPacts } from './verify-pacts';

const HR_PORTAL_PACT = join(import.meta.dirname, '../../contracts/pacts/hr-portal-employee-directory.json');

test.describe.configure({ timeout: 120_000 });

test("the sample app honours the HR portal's contract, through the platform, every interaction on a site of its own", async () => {
  await using stack = await startEmbeddedStack({ app: SAMPLE_APP });
  const verdicts = await verifyPacts(stack, [HR_PORTAL_PACT]);
  expect(verdicts).toHaveLength(9);
  expect(verdicts.filter((v) => !v.ok)).toEqual([]);
});

for (const app of brokenApps().filter((a) => a.contracts.length > 0)) {
  test(`${app.name} fails exactly the interactions its defect.yaml names`, async () => {
    await using stack = await startEmbeddedStack({ app: app.dir });
    const verdicts = await verifyPacts(stack, [HR_PORTAL_PACT]);
    expect(
      verdicts
        .filter((v) => !v.ok)
        .map((v) => v.description)
        .sort(),
      app.defect,
    ).toEqual([...app.contracts].sort());
    expect(
      verdicts.filter((v) => !v.ok).every((v) => v.problems.length > 0),
      'each failure says where it differs',
    ).toBe(true);
  });
}

test('a renamed field is named in the difference', async () => {
  await using stack = await startEmbeddedStack({ app: brokenApp('broken-contract-drift') });
  const verdicts = await verifyPacts(stack, [HR_PORTAL_PACT]);
  expect(verdicts.find((v) => v.description === 'a request for employee 2')!.problems).toEqual(['$: Actual map is missing the following keys: name']);
});

test('an interaction in a provider state the platform does not know fails with a sentence naming it and the known ones', async () => {
  const pact = JSON.parse(readFileSync(HR_PORTAL_PACT, 'utf8')) as { interactions: { providerStates?: { name: string }[] }[] };
  pact.interactions = pact.interactions.slice(0, 1).map((i) => ({ ...i, providerStates: [{ name: 'employee 2 is on holiday' }] }));
  const file = test.info().outputPath('unknown-state.json');
  writeFileSync(file, JSON.stringify(pact));
  await using stack = await startEmbeddedStack({ app: SAMPLE_APP });
  const [verdict] = await verifyPacts(stack, [file]);
  expect(verdict!.ok).toBe(false);
  expect(verdict!.problems[0]).toMatch(/^unknown provider state "employee 2 is on holiday": the platform's states are "the caller holds scopes", /);
  expect(verdict!.problems[0]).toMatch(/; the app's \(conformance.yaml states:\) are "employee 4 is a new hire"$/);
});

test("an app state whose setup does not give what it expects fails the interaction with the step and the difference, never the app's answer alone", async () => {
  // The minimal app has no employees: the sample's state cannot be set up on it.
  const app = appVariant(join(APPS_DIR, 'minimal'), test.info().outputPath('app'), {
    'conformance.yaml':
      'version: 1\nstates:\n  employee 4 is a new hire:\n    request: { method: POST, path: /employees, body: { name: Hedy Lamarr } }\n    expect: { status: 201 }\n',
  });
  const pact = JSON.parse(readFileSync(HR_PORTAL_PACT, 'utf8')) as { interactions: { description: string }[] };
  pact.interactions = pact.interactions.filter((i) => i.description === 'a request for a new hire');
  const file = test.info().outputPath('new-hire.json');
  writeFileSync(file, JSON.stringify(pact));
  await using stack = await startEmbeddedStack({ app });
  const [verdict] = await verifyPacts(stack, [file]);
  expect(verdict!.ok).toBe(false);
  expect(verdict!.problems[0]).toMatch(/^provider state "employee 4 is a new hire" could not be set up: POST \/employees: status is \d+, not 201/);
});
