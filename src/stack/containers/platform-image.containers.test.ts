import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { docker } from './docker';
import { ensurePlatformImage, IMAGE_HOME } from './platform-image';
import { withoutDocker } from '../../../fixtures/machine';

test.skip(withoutDocker, 'no Docker engine answers on this machine (the warning at the start says why)');

const inImage = (tag: string, script: string) => docker(['run', '--rm', '--network', 'host', '--entrypoint', '/usr/local/bin/node', tag, '-e', script]);

test('the platform image holds the bundled harness and only the packages that stay packages, and is not rebuilt when nothing changed', async () => {
  const first = await ensurePlatformImage();
  const again = await ensurePlatformImage();
  expect(again).toMatchObject({ tag: first.tag, baseTag: first.baseTag, built: false });

  const listing = JSON.parse(
    inImage(
      first.tag,
      `const fs = require('fs');
    console.log(JSON.stringify({ platform: fs.readdirSync('${IMAGE_HOME}/platform'), forge: fs.readdirSync('${IMAGE_HOME}/node_modules/@forge'), top: fs.readdirSync('${IMAGE_HOME}/node_modules') }))`,
    ),
  ) as Record<string, string[]>;
  expect(listing.platform).toEqual(expect.arrayContaining(['platform.mjs', 'host.mjs', 'worker-egress.mjs']));
  expect(listing.platform!.every((file) => file.endsWith('.mjs'))).toBe(true);
  expect(listing.forge).toEqual(expect.arrayContaining(['api', 'egress', 'manifest']));
  expect(listing.top).toEqual(expect.arrayContaining(['tsx', 'esbuild']));
  // Bundled, so not installed: the 3LO server's library and the proxy's stub library.
  expect(listing.top).not.toContain('oidc-provider');
  expect(listing.top).not.toContain('nock');
});

test('the image command picks the role; an unknown one gets a sentence and exit code 2', async () => {
  const { tag } = await ensurePlatformImage();
  const result = spawnSync('docker', ['run', '--rm', '--network', 'host', tag, 'auth-server'], { encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr.trim()).toBe('forge-conformance platform: unknown role "auth-server": run the image with one of control, gateway, runtime, proxy');
});
