import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, APPS_DIR, MINIMAL_APP, SAMPLE_APP } from '../../fixtures/apps';
import { forgePackagesOf } from './forge-runtime-packages';
import { loadApp } from './load-app';

test("the @forge packages an app's handlers load: its own copy when it has one, the harness's otherwise", async () => {
  expect(await forgePackagesOf(loadApp(SAMPLE_APP))).toEqual([{ name: '@forge/api', version: expect.stringMatching(/^\d+\.\d+\.\d+/), source: 'harness' }]);
  expect(await forgePackagesOf(loadApp(MINIMAL_APP)), 'the minimal app imports none').toEqual([]);
  const own = appVariant(MINIMAL_APP, join(test.info().outputPath('own'), 'app'), {
    'src/index.ts': "import api from '@forge/api';\nexport const getGreeting = async () => ({ statusCode: 200, body: typeof api });\n",
  });
  mkdirSync(join(own, 'node_modules/@forge/api'), { recursive: true });
  writeFileSync(join(own, 'node_modules/@forge/api/package.json'), '{"name":"@forge/api","version":"7.1.0"}');
  expect(await forgePackagesOf(loadApp(own))).toEqual([{ name: '@forge/api', version: '7.1.0', source: 'app' }]);
});

test("an app without node_modules that uses storage, queues and resolvers runs with the harness's copies, and says so", async () => {
  const version = expect.stringMatching(/^\d+\.\d+\.\d+/);
  expect(await forgePackagesOf(loadApp(join(APPS_DIR, 'queue-probe')))).toEqual(
    ['@forge/api', '@forge/events', '@forge/kvs', '@forge/resolver'].map((name) => ({ name, version, source: 'harness' })),
  );
});
