import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { GenericContainer } from 'testcontainers';
import { freePort } from '../../platform/http/free-port';
import { ensureBaseImage } from './base-image';
import { docker } from './docker';
import { ensureServiceImage } from './service-image';
import { WaitForUrl } from './wait-for-url';
import { withoutDocker } from '../../../fixtures/machine';

test.skip(withoutDocker, 'no Docker engine answers on this machine (the warning at the start says why)');

const spec = (context: string) => ({ serviceKey: 'probe', containerKey: 'main', healthPath: '/health', context, dockerfile: 'Dockerfile' });

let context: string;
test.beforeEach(() => void (context = mkdtempSync(join(tmpdir(), 'service-image-'))));
test.afterEach(() => rmSync(context, { recursive: true, force: true }));

test("a service whose base image cannot be pulled is built on the harness's Node image, and not rebuilt when nothing changed", () => {
  const { tag } = ensureBaseImage();
  writeFileSync(join(context, 'server.js'), "require('http').createServer((q, r) => r.end('ok')).listen(process.env.SERVER_PORT);\n");
  writeFileSync(join(context, 'Dockerfile'), 'FROM node:22-alpine\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n');
  const first = ensureServiceImage(spec(context), tag);
  expect(ensureServiceImage(spec(context), tag)).toBe(first);
  writeFileSync(join(context, 'server.js'), "require('http').createServer((q, r) => r.end('changed')).listen(process.env.SERVER_PORT);\n");
  expect(ensureServiceImage(spec(context), tag)).not.toBe(first);
});

test('a Dockerfile whose RUN steps need a base image that is not here is refused with a sentence saying what to load', () => {
  writeFileSync(join(context, 'Dockerfile'), 'FROM node:22-alpine\nRUN npm ci\nCMD ["node", "server.js"]\n');
  expect(() => ensureServiceImage(spec(context), ensureBaseImage().tag)).toThrow(
    'service probe: its Dockerfile builds on node:22-alpine, not available here and not pullable (no registry can be reached), and "RUN npm ci" needs it: load the image with "docker load -i <file>", or drop the RUN steps',
  );
});

test('a Dockerfile whose base image has been loaded is built unchanged, its RUN steps included', async () => {
  // Stands for a partner's base image brought in with docker load.
  const loaded = `forge-conformance-test/partner-node:${process.pid}`;
  docker(['tag', ensureBaseImage().tag, loaded]);
  try {
    writeFileSync(
      join(context, 'server.js'),
      "require('http').createServer((q, r) => r.end(require('fs').readFileSync('/app/made-by-run'))).listen(process.env.SERVER_PORT);\n",
    );
    writeFileSync(
      join(context, 'Dockerfile'),
      [
        `FROM ${loaded}`,
        'WORKDIR /app',
        'COPY server.js ./',
        `RUN ["/usr/local/bin/node", "-e", "require('fs').writeFileSync('/app/made-by-run', 'built unchanged')"]`,
        'ENTRYPOINT ["/usr/local/bin/node"]',
        'CMD ["server.js"]',
        '',
      ].join('\n'),
    );
    const image = ensureServiceImage(spec(context), 'the harness image is not used');
    const port = await freePort();
    const service = await new GenericContainer(image)
      .withNetworkMode('host')
      .withEnvironment({ SERVER_PORT: String(port) })
      .withWaitStrategy(new WaitForUrl(() => `http://127.0.0.1:${port}/`))
      .start();
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('built unchanged');
    } finally {
      await service.stop({ remove: true });
      docker(['rmi', image]);
    }
  } finally {
    docker(['rmi', loaded]);
  }
});
