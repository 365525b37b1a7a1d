/** The function runtime over HTTP, and the gateway's client for it. */
import { readJsonObject } from '../http/body';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { serve, type RunningServer } from '../http/listen';
import { Refusal } from '../http/refusal';
import { sendJson } from '../http/respond';
import { Router } from '../http/router';
import type { FunctionRuntime } from './function-runtime';
import type { InvocationOutcome, InvokeMessage } from './protocol';

/** What the gateway needs of a function runtime: in process, or in another process or container. */
export interface FunctionInvoker {
  invoke(message: Omit<InvokeMessage, 'type' | 'id'>, timeoutMs: number): Promise<InvocationOutcome>;
}

/**
 * The runtime as its own service (the containers target): POST /invoke, only for the gateway
 * (it holds the control key: an invocation straight to the runtime would skip every check), and
 * GET /health.
 */
export function startRuntimeServer(runtime: FunctionRuntime, controlKey: string, port?: number): Promise<RunningServer> {
  const router = new Router(controlKey)
    .on('GET', '/health', ({ response }) => sendJson(response, 200, { restarts: runtime.restarts }))
    .control('POST', '/invoke', async ({ request, response }) => {
      const { message, timeoutMs } = await readJsonObject(request, 6 * 1024 * 1024);
      if (typeof timeoutMs !== 'number') throw new Refusal(400, 'timeoutMs is required');
      sendJson(response, 200, await runtime.invoke(message as Omit<InvokeMessage, 'type' | 'id'>, timeoutMs));
    });
  return serve(
    'function runtime',
    async (request, response) => {
      if (!(await router.handle(request, response))) throw new Refusal(404, 'not a runtime route');
    },
    port,
  );
}

/** The gateway's side of a runtime in another process: a runtime that cannot be reached crashed. */
export function remoteRuntime(url: string, controlKey: string): FunctionInvoker {
  return {
    async invoke(message, timeoutMs) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CONTROL_KEY_HEADER]: controlKey },
          body: JSON.stringify({ message, timeoutMs }),
          signal: AbortSignal.timeout(timeoutMs + 5_000),
        });
        if (!response.ok) return { kind: 'crashed', reason: `the runtime answered ${response.status}`, durationMs: performance.now() - started };
        return (await response.json()) as InvocationOutcome;
      } catch (error) {
        return { kind: 'crashed', reason: `the runtime could not be reached (${(error as Error).message})`, durationMs: performance.now() - started };
      }
    },
  };
}
