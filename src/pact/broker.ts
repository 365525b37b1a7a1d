/**
 * Sharing pacts through a Pact Broker (or PactFlow), when PACT_BROKER_BASE_URL is set: publishing
 * consumer pacts with pact-cli's own `pact-broker publish`, and fetching pacts for verification
 * (and publishing its results) with pact-core's verifier. Never hand-written HTTP: the broker's
 * protocol is the Pact tools' business. Credentials travel in the environment, never in argv.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ConsumerVersionSelector, VerifierOptions } from '@pact-foundation/pact-core';

export interface Broker {
  url: string;
  /** PACT_BROKER_TOKEN (PactFlow), or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD. */
  token?: string;
  username?: string;
  password?: string;
}

/** The broker the environment names, or undefined: pacts are then shared in git. */
export function brokerFromEnvironment(env: NodeJS.ProcessEnv = process.env): Broker | undefined {
  const url = env.PACT_BROKER_BASE_URL?.trim();
  if (!url) return undefined;
  return {
    url,
    ...(env.PACT_BROKER_TOKEN && { token: env.PACT_BROKER_TOKEN }),
    ...(env.PACT_BROKER_USERNAME && { username: env.PACT_BROKER_USERNAME }),
    ...(env.PACT_BROKER_PASSWORD && { password: env.PACT_BROKER_PASSWORD }),
  };
}

/** Which consumer versions' pacts to verify: Pact's recommended default, the consumers' main branch and what is deployed or released. */
export const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [{ mainBranch: true }, { deployedOrReleased: true }];

export interface BrokerVerification {
  /** The provider's name in the broker: the app's. */
  provider: string;
  /** Publishes the results under this provider version (CI only, as Pact advises); without it nothing is published. */
  providerVersion?: string;
  branch?: string;
  selectors?: ConsumerVersionSelector[];
}

/** The verifier options that fetch the provider's pacts from the broker and, with a provider version, publish the results. */
export function brokerVerifierOptions(broker: Broker, verification: BrokerVerification): Partial<VerifierOptions> {
  return {
    provider: verification.provider,
    pactBrokerUrl: broker.url,
    ...(broker.token && { pactBrokerToken: broker.token }),
    ...(broker.username && { pactBrokerUsername: broker.username }),
    ...(broker.password && { pactBrokerPassword: broker.password }),
    consumerVersionSelectors: verification.selectors ?? DEFAULT_SELECTORS,
    ...(verification.branch && { providerVersionBranch: verification.branch }),
    ...(verification.providerVersion && { publishVerificationResult: true, providerVersion: verification.providerVersion }),
    failIfNoPactsFound: true,
  };
}

export interface Publication {
  consumerVersion: string;
  branch?: string;
  tags?: string[];
}

/** `pact-broker publish`'s arguments: the files, the consumer version and its branch and tags. The broker and credentials are in the environment. */
export const publishArguments = (files: readonly string[], publication: Publication): string[] => [
  'publish',
  ...files,
  '--consumer-app-version',
  publication.consumerVersion,
  ...(publication.branch ? ['--branch', publication.branch] : []),
  ...(publication.tags ?? []).flatMap((tag) => ['--tag', tag]),
];

/** The environment `pact-broker` reads the broker and its credentials from. */
export const brokerEnvironment = (broker: Broker): Record<string, string> => ({
  PACT_BROKER_BASE_URL: broker.url,
  ...(broker.token && { PACT_BROKER_TOKEN: broker.token }),
  ...(broker.username && { PACT_BROKER_USERNAME: broker.username }),
  ...(broker.password && { PACT_BROKER_PASSWORD: broker.password }),
});

/** pact-cli's `pact-broker`, run with this Node. */
export function pactBrokerCommand(): { command: string; args: string[] } {
  const cli = dirname(createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/package.json'));
  return { command: process.execPath, args: [join(cli, 'bin/pact-broker.js')] };
}

/** Runs `pact-broker` with these arguments against the broker; resolves with its exit code and what it printed. */
export function runPactBroker(broker: Broker, args: readonly string[]): Promise<{ code: number; output: string }> {
  const { command, args: prefix } = pactBrokerCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], {
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_BROKER_HTTP_RETRIES: '0', ...brokerEnvironment(broker) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.trim() }));
  });
}
