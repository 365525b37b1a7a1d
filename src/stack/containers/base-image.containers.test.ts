import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { GenericContainer } from 'testcontainers';
import { ensureBaseImage } from './base-image';
import { docker } from './docker';
import { WaitForUrl } from './wait-for-url';
import { freePort } from '../../platform/http/free-port';
import { withoutDocker } from '../../../fixtures/machine';

test.skip(withoutDocker, 'no Docker engine answers on this machine (the warning at the start says why)');

test('the FROM scratch image runs Node 24 in a container on the host network, and is not rebuilt when nothing changed', async () => {
  const first = ensureBaseImage();
  const again = ensureBaseImage();
  expect(again).toMatchObject({ tag: first.tag, built: false });

  const runId = randomUUID();
  const port = await freePort();
  const server = `require('http').createServer((q, r) => r.end(process.version)).listen(${port}, '127.0.0.1')`;
  const container = await new GenericContainer(first.tag)
    .withNetworkMode('host')
    .withCommand(['-e', server])
    .withLabels({ 'forge-conformance.run': runId })
    .withWaitStrategy(new WaitForUrl(() => `http://127.0.0.1:${port}/`))
    .start();
  try {
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(`v${process.versions.node}`);
  } finally {
    await container.stop({ remove: true });
  }
  expect(docker(['ps', '-a', '-q', '--filter', `label=forge-conformance.run=${runId}`]).trim()).toBe('');
});
