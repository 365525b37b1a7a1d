import { expect, test } from '@playwright/test';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { InvocationOutcome } from './protocol';
import { serveRuntimeTo } from './runtime-over-ipc';
import type { FunctionInvoker } from './runtime-server';

/**
 * A child process that asks its parent's runtime for two invocations at once (payloads 'slow' and
 * 'fast') and prints each outcome as a JSON line, as the embedded target's proxy asks the stack.
 */
function childAsking(): { child: ChildProcess; outcomes: AsyncIterator<string>; cleanUp: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'runtime-over-ipc-'));
  const script = join(dir, 'child.mts');
  writeFileSync(
    script,
    `import { runtimeInParent } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'runtime-over-ipc.ts')).href)};
const runtime = runtimeInParent();
const ask = (payload) => runtime.invoke({ file: 'f', exportName: 'e', payload, handlerContext: {}, context: {} }, 60_000).then((o) => console.log(JSON.stringify({ payload, o })));
await Promise.all([ask('slow'), ask('fast')]);
process.disconnect();
`,
  );
  const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return { child, outcomes: createInterface({ input: child.stdout! })[Symbol.asyncIterator](), cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

test("invocations over the IPC channel each get their own outcome, whichever the parent's runtime finishes first", async () => {
  const { child, outcomes, cleanUp } = childAsking();
  try {
    const runtime: FunctionInvoker = {
      invoke: async ({ payload }) => {
        await new Promise((resolve) => setTimeout(resolve, payload === 'slow' ? 300 : 10));
        return { kind: 'returned', value: `answered ${payload}`, durationMs: 1 };
      },
    };
    serveRuntimeTo(child, runtime);
    const lines = [JSON.parse((await outcomes.next()).value), JSON.parse((await outcomes.next()).value)];
    expect(lines).toEqual([
      { payload: 'fast', o: expect.objectContaining({ kind: 'returned', value: 'answered fast' }) },
      { payload: 'slow', o: expect.objectContaining({ kind: 'returned', value: 'answered slow' }) },
    ]);
  } finally {
    child.kill();
    cleanUp();
  }
});

test('a parent that goes away mid-invocation leaves the child with a crashed runtime, not a wait', async () => {
  const { child, outcomes, cleanUp } = childAsking();
  try {
    // The parent's runtime never answers; the channel closes once both requests have arrived.
    let asked = 0;
    serveRuntimeTo(child, { invoke: () => (++asked === 2 && setImmediate(() => child.disconnect()), new Promise<InvocationOutcome>(() => {})) });
    const lines = [JSON.parse((await outcomes.next()).value), JSON.parse((await outcomes.next()).value)];
    expect(lines.map((l) => l.o)).toEqual([expect.objectContaining({ kind: 'crashed' }), expect.objectContaining({ kind: 'crashed' })]);
    expect(lines[0].o.reason).toContain('could not be reached');
    await once(child, 'exit');
  } finally {
    child.kill();
    cleanUp();
  }
});
