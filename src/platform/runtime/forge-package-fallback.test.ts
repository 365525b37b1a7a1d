import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { harnessCopyOf } from '../../app/forge-package-copies';
import { FunctionRuntime } from './function-runtime';

// An app checked out outside the harness, with no node_modules: nothing to find by walking up.
let appDir: string;
let runtime: FunctionRuntime;

test.beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), 'forge-conformance-fallback-'));
  // TypeScript without "type": "module" is compiled to CommonJS: @forge/api is require()d.
  writeFileSync(join(appDir, 'required.ts'), "import api from '@forge/api';\nexport const run = () => typeof api.fetch;\n");
  mkdirSync(join(appDir, 'esm'));
  writeFileSync(join(appDir, 'esm/package.json'), '{ "type": "module" }\n');
  writeFileSync(join(appDir, 'esm/imported.js'), "import { fetch } from '@forge/api';\nexport const run = () => typeof fetch;\n");
  writeFileSync(join(appDir, 'undeclared.ts'), "import pad from 'left-pad';\nexport const run = () => pad;\n");
  runtime = new FunctionRuntime({ appDir });
  await runtime.start();
});

test.afterAll(async () => {
  await runtime.stop();
  rmSync(appDir, { recursive: true, force: true });
});

const invoke = (file: string) => runtime.invoke({ file: join(appDir, file), exportName: 'run', payload: {}, handlerContext: {}, context: {} } as never, 10_000);

test('an app without node_modules gets the harness @forge/api, whether it requires it or imports it', async () => {
  expect(await invoke('required.ts')).toMatchObject({ kind: 'returned', value: 'function' });
  expect(await invoke('esm/imported.js')).toMatchObject({ kind: 'returned', value: 'function' });
});

test('only @forge/* packages come from the harness: any other missing package still fails the handler', async () => {
  expect(await invoke('undeclared.ts')).toMatchObject({ kind: 'threw', message: expect.stringContaining("Cannot find module 'left-pad'") });
});

test("an app whose package.json asks for @forge/api 7 gets the harness's 7 copy, with the legacy storage it exported", async () => {
  const legacy = mkdtempSync(join(tmpdir(), 'forge-conformance-legacy-'));
  try {
    writeFileSync(join(legacy, 'package.json'), '{ "name": "legacy-app", "dependencies": { "@forge/api": "^7.0.0" } }\n');
    writeFileSync(join(legacy, 'index.ts'), "import { storage } from '@forge/api';\nexport const run = () => [typeof storage?.get, typeof storage?.query];\n");
    const older = new FunctionRuntime({ appDir: legacy });
    await older.start();
    try {
      const outcome = await older.invoke({ file: join(legacy, 'index.ts'), exportName: 'run', payload: {}, handlerContext: {}, context: {} } as never, 10_000);
      expect(outcome).toMatchObject({ kind: 'returned', value: ['function', 'function'] });
    } finally {
      await older.stop();
    }
    // The current copy has no `storage`: the app without a package.json gets it.
    expect(await invoke('required.ts')).toMatchObject({ kind: 'returned', value: 'function' });
    expect(harnessCopyOf('@forge/api', legacy)).toBe('@forge/api-7');
    expect(harnessCopyOf('@forge/api', appDir)).toBe('@forge/api');
  } finally {
    rmSync(legacy, { recursive: true, force: true });
  }
});
