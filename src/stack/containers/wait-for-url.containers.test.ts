import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { GenericContainer } from 'testcontainers';
import { ensureBaseImage } from './base-image';
import { docker } from './docker';
import { WaitForUrl } from './wait-for-url';
import { withoutDocker } from '../../../fixtures/machine';

test.skip(withoutDocker, 'no Docker engine answers on this machine (the warning at the start says why)');

test('a container that exits while starting fails the wait at once with its last line, not at the timeout', async () => {
  const run = randomUUID();
  try {
    await expect(
      new GenericContainer(ensureBaseImage().tag)
        .withName(`forge-conformance-exits-${run.slice(0, 8)}`)
        .withNetworkMode('host')
        .withLabels({ 'forge-conformance.run': run })
        .withCommand(['-e', "console.error('could not start: the configuration is missing'); process.exit(3)"])
        .withWaitStrategy(new WaitForUrl(() => 'http://127.0.0.1:9/never'))
        // Were the exit not noticed, the wait would end at this timeout, with another message.
        .withStartupTimeout(60_000)
        .start(),
    ).rejects.toThrow(
      `container forge-conformance-exits-${run.slice(0, 8)} exited (code 3) before http://127.0.0.1:9/never answered: could not start: the configuration is missing`,
    );
  } finally {
    const left = docker(['ps', '-a', '-q', '--filter', `label=forge-conformance.run=${run}`]).trim();
    if (left) docker(['rm', '-f', ...left.split('\n')]);
  }
});
