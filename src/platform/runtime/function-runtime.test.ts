import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { FunctionRuntime } from './function-runtime';

test('after a reload, the next one takes a host started before the edit, and that host runs the edited handler', async () => {
  const appDir = mkdtempSync(join(tmpdir(), 'forge-conformance-reload-'));
  const handler = join(appDir, 'index.ts');
  // The handler says which edit it is and how long its process has been up.
  const write = (edit: string) => writeFileSync(handler, `export const run = () => ({ edit: '${edit}', uptimeMs: process.uptime() * 1000 });\n`);
  const runtime = new FunctionRuntime({ appDir });
  const invoke = () => runtime.invoke({ file: handler, exportName: 'run', payload: {}, handlerContext: {}, context: {} } as never, 10_000);
  try {
    write('first');
    await runtime.start();
    expect(await invoke()).toMatchObject({ kind: 'returned', value: { edit: 'first' } });

    write('second');
    await runtime.reload();
    expect(await invoke()).toMatchObject({ kind: 'returned', value: { edit: 'second' } });

    // Time for the spare to be started (it waits until a re-run's checks would be done).
    await setTimeout(3_000);
    write('third');
    const edited = performance.now();
    await runtime.reload();
    const outcome = await invoke();
    expect(outcome).toMatchObject({ kind: 'returned', value: { edit: 'third' } });
    // Up for longer than the edit is old: the host was the spare, and it still loaded the edited file.
    expect((outcome as { value: { uptimeMs: number } }).value.uptimeMs).toBeGreaterThan(performance.now() - edited);
  } finally {
    await runtime.stop();
    rmSync(appDir, { recursive: true, force: true });
  }
});
