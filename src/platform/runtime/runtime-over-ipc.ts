/**
 * The function runtime across a parent–child IPC channel: on the embedded target the egress proxy
 * is a child process of the stack, which holds the runtime, and delivers queued events over the
 * channel they already share. One message each way where HTTP costs a client, a server and a
 * connection on each side (the containers target, where they are apart, keeps runtime-server.ts).
 */
import type { ChildProcess } from 'node:child_process';
import type { InvocationOutcome, InvokeMessage } from './protocol';
import type { FunctionInvoker } from './runtime-server';

/** The proxy's question and the stack's answer; the type names keep them apart from anything else on the channel. */
interface InvokeRequest {
  type: 'forge-conformance:invoke';
  id: number;
  message: Omit<InvokeMessage, 'type' | 'id'>;
  timeoutMs: number;
}
interface InvokeAnswer {
  type: 'forge-conformance:outcome';
  id: number;
  outcome: InvocationOutcome;
}

const isRequest = (value: unknown): value is InvokeRequest =>
  typeof value === 'object' &&
  value !== null &&
  (value as InvokeRequest).type === 'forge-conformance:invoke' &&
  typeof (value as InvokeRequest).id === 'number';
const isAnswer = (value: unknown): value is InvokeAnswer =>
  typeof value === 'object' && value !== null && (value as InvokeAnswer).type === 'forge-conformance:outcome' && typeof (value as InvokeAnswer).id === 'number';

/** The parent's side: invokes `runtime` for every request the child sends, and answers on the channel while it is open. */
export function serveRuntimeTo(child: ChildProcess, runtime: FunctionInvoker): void {
  child.on('message', async (request: unknown) => {
    if (!isRequest(request)) return;
    const outcome = await runtime.invoke(request.message, request.timeoutMs);
    if (child.connected) child.send({ type: 'forge-conformance:outcome', id: request.id, outcome } satisfies InvokeAnswer);
  });
}

/**
 * The child's side: the runtime of the process that started this one. A parent that does not
 * answer in time, or a channel that closes, is a runtime that crashed, as remoteRuntime says of one it cannot reach.
 */
export function runtimeInParent(): FunctionInvoker {
  if (!process.send) throw new Error('runtimeInParent needs an IPC channel to the parent process');
  const pending = new Map<number, (outcome: InvocationOutcome) => void>();
  let next = 0;
  process.on('message', (answer: unknown) => {
    if (isAnswer(answer)) pending.get(answer.id)?.(answer.outcome);
  });
  process.once('disconnect', () => {
    for (const settle of pending.values()) settle({ kind: 'crashed', reason: 'the runtime could not be reached (its process is gone)', durationMs: 0 });
  });
  return {
    invoke(message, timeoutMs) {
      const started = performance.now();
      const id = ++next;
      return new Promise<InvocationOutcome>((resolve) => {
        const timer = setTimeout(
          () => settle({ kind: 'crashed', reason: 'the runtime did not answer', durationMs: performance.now() - started }),
          timeoutMs + 5_000,
        );
        const settle = (outcome: InvocationOutcome) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(outcome);
        };
        pending.set(id, settle);
        process.send!({ type: 'forge-conformance:invoke', id, message, timeoutMs } satisfies InvokeRequest);
      });
    },
  };
}
