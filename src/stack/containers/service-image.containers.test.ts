import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureBaseImage } from './base-image';
import { ensureServiceImage } from './service-image';

const spec = (context: string) => ({ serviceKey: 'probe', containerKey: 'main', healthPath: '/health', context, dockerfile: 'Dockerfile' });

test("a service image is built from the partner's Dockerfile on the local base, and not rebuilt when nothing changed", () => {
  const { tag } = ensureBaseImage();
  const context = mkdtempSync(join(tmpdir(), 'service-image-'));
  writeFileSync(join(context, 'server.js'), "require('http').createServer((q, r) => r.end('ok')).listen(process.env.SERVER_PORT);\n");
  writeFileSync(join(context, 'Dockerfile'), 'FROM node:22-alpine\nWORKDIR /app\nCOPY server.js ./\nCMD ["node", "server.js"]\n');
  const first = ensureServiceImage(spec(context), tag);
  const started = performance.now();
  expect(ensureServiceImage(spec(context), tag)).toBe(first);
  expect(performance.now() - started).toBeLessThan(2_000);
  writeFileSync(join(context, 'server.js'), "require('http').createServer((q, r) => r.end('changed')).listen(process.env.SERVER_PORT);\n");
  expect(ensureServiceImage(spec(context), tag)).not.toBe(first);
});

test('a Dockerfile that needs its own base image (RUN) is refused with a sentence saying why', () => {
  const context = mkdtempSync(join(tmpdir(), 'service-image-'));
  writeFileSync(join(context, 'Dockerfile'), 'FROM node:22-alpine\nRUN npm ci\nCMD ["node", "server.js"]\n');
  expect(() => ensureServiceImage(spec(context), ensureBaseImage().tag)).toThrow(/"RUN npm ci", which needs its own base image \(FROM node:22-alpine\); no registry can be reached/);
});
