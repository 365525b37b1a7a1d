import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact-core';
import { expect, test } from '@playwright/test';
import { brokerFromEnvironment, brokerVerifierOptions, pactBrokerCommand, publishArguments, runPactBroker } from './broker';

// No Pact Broker can run on this machine: these tests pin what would be sent to one (pact-cli's
// command line, pact-core's verifier options) against the tools' own interfaces, and show that a
// broker that does not answer is one sentence. What a real broker does with them stays unverified.
const PACT = join(import.meta.dirname, '../../contracts/pacts/hr-portal-employee-directory.json');
/** Port 9 (discard) on loopback: nothing listens there, so a connection is refused at once. */
const NO_BROKER = 'http://127.0.0.1:9';

test('the broker comes from PACT_BROKER_BASE_URL, with a token or a user and password; without it pacts are shared in git', () => {
  expect(brokerFromEnvironment({})).toBeUndefined();
  expect(brokerFromEnvironment({ PACT_BROKER_BASE_URL: ' ' })).toBeUndefined();
  expect(brokerFromEnvironment({ PACT_BROKER_BASE_URL: 'https://acme.pactflow.io', PACT_BROKER_TOKEN: 't0k3n' })).toEqual({
    url: 'https://acme.pactflow.io',
    token: 't0k3n',
  });
  expect(brokerFromEnvironment({ PACT_BROKER_BASE_URL: 'https://broker.acme.test', PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'pw' })).toEqual({
    url: 'https://broker.acme.test',
    username: 'ci',
    password: 'pw',
  });
});

test("publishing runs pact-cli's pact-broker publish with flags its own help lists, and no credential on the command line", () => {
  const args = publishArguments([PACT], { consumerVersion: '3f2a9c1', branch: 'main', tags: ['prod', 'eu'] });
  expect(args).toEqual(['publish', PACT, '--consumer-app-version', '3f2a9c1', '--branch', 'main', '--tag', 'prod', '--tag', 'eu']);
  const { command, args: prefix } = pactBrokerCommand();
  const help = spawnSync(command, [...prefix, 'publish', '--help'], { encoding: 'utf8', env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } }).stdout;
  for (const flag of args.filter((a) => a.startsWith('--'))) expect(help, `pact-broker publish knows ${flag}`).toContain(flag);
  expect(help).toContain('[env: PACT_BROKER_TOKEN=]');
  expect(args.join(' ')).not.toMatch(/token|password/i);
});

test("verifying from a broker asks pact-core for the provider's pacts by Pact's recommended selectors, and publishes results only with a provider version", () => {
  const broker = { url: 'https://acme.pactflow.io', token: 't0k3n' };
  const local = brokerVerifierOptions(broker, { provider: 'employee-directory' });
  expect(local).toEqual({
    provider: 'employee-directory',
    pactBrokerUrl: 'https://acme.pactflow.io',
    pactBrokerToken: 't0k3n',
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    failIfNoPactsFound: true,
  });
  const ci = brokerVerifierOptions(broker, { provider: 'employee-directory', providerVersion: '1.4.0+3f2a9c1', branch: 'main' });
  expect(ci).toMatchObject({ publishVerificationResult: true, providerVersion: '1.4.0+3f2a9c1', providerVersionBranch: 'main' });
  // pact-core's own validation takes both.
  for (const options of [local, ci]) expect(() => new Verifier({ providerBaseUrl: 'http://127.0.0.1:1', ...options })).not.toThrow();
});

test('a broker that does not answer: pact-broker fails at once, naming it', async () => {
  const { code, output } = await runPactBroker({ url: NO_BROKER }, publishArguments([PACT], { consumerVersion: '3f2a9c1' }));
  expect(code).not.toBe(0);
  expect(output).toContain(NO_BROKER);
});
