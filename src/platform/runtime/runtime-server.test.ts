import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { APPS_DIR } from '../../../fixtures/apps';
import { CONTROL_KEY_HEADER, newControlKey } from '../http/control-key';
import { appEnvironment, FunctionRuntime } from './function-runtime';
import { remoteRuntime, startRuntimeServer } from './runtime-server';

test('the runtime service invokes only for the holder of the control key: a call straight to it would skip every gateway check', async () => {
  const runtime = new FunctionRuntime({ appDir: join(APPS_DIR, 'minimal') });
  await runtime.start();
  const key = newControlKey();
  const server = await startRuntimeServer(runtime, key);
  try {
    const body = JSON.stringify({ message: {}, timeoutMs: 1000 });
    expect((await fetch(`${server.url}/invoke`, { method: 'POST', body })).status).toBe(403);
    expect((await fetch(`${server.url}/invoke`, { method: 'POST', body, headers: { [CONTROL_KEY_HEADER]: 'guessed' } })).status).toBe(403);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    // With the key, the gateway's client gets an outcome (here: no such handler file).
    const outcome = await remoteRuntime(server.url, key).invoke(
      { file: join(APPS_DIR, 'minimal/src/missing.ts'), exportName: 'x', payload: {}, handlerContext: {}, context: {} as never },
      5_000,
    );
    expect(outcome.kind).not.toBe('crashed');
  } finally {
    await server.stop();
    await runtime.stop();
  }
});

test("the app's process gets its variables and nothing of the machine's environment, whose harness variables carry the control key", () => {
  process.env.FORGE_CONFORMANCE_ROLE_PROBE = '{"controlKey":"k"}';
  try {
    expect(appEnvironment({ GREETING: 'Hello' })).toEqual({ GREETING: 'Hello', NODE_OPTIONS: '' });
  } finally {
    delete process.env.FORGE_CONFORMANCE_ROLE_PROBE;
  }
});
