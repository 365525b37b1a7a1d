/**
 * Worker threads a function starts route their requests through the egress proxy too. A worker
 * has Node's networking of its own, which the host's interceptor never patched: a worker's
 * `fetch` reached any host unseen. Every worker the app starts now loads worker-egress.ts first
 * (`--require`: the one preload Node runs in eval workers as well as file workers), which routes
 * it as the host is routed, for the invocation that started it.
 */
import { syncBuiltinESMExports } from 'node:module';
import workerThreads, { type WorkerOptions } from 'node:worker_threads';
import { currentInvocation } from './forge-globals';
import type { InvocationContext } from './protocol';

/**
 * How the invocation (and the preload, for the worker's own workers) travel to the worker: as its
 * last argument, taken out of its `process.argv` before any app code runs. Not in its
 * environment, which a worker may share with the host (`SHARE_ENV`).
 */
const WORKER_ROUTING = '--forge-conformance-worker-routing=';

interface WorkerRouting {
  invocation: InvocationContext | undefined;
  preload: readonly string[];
  /** The proxy's Unix socket, in a host without a network (host-isolation.ts). */
  proxySocket: string | undefined;
}

/**
 * Wraps `Worker` (for `require` and `import` alike), so each worker starts with `preload` (Node
 * flags), the invocation it was started in (`outside`, in a worker: the one that started it) and
 * the proxy's socket where the host has no network.
 * A proxy, not a subclass, and the prototype's `constructor` pointed at it: a subclass would hand
 * out the unwrapped class as its own prototype, and every worker would as its `constructor`.
 */
export function routeWorkersThroughProxy(
  preload: readonly string[],
  { outside, proxySocket }: { outside?: InvocationContext; proxySocket?: string } = {},
): void {
  const { Worker } = workerThreads;
  const routed = new Proxy(Worker, {
    construct(target, [filename, options = {}]: [string | URL, WorkerOptions?], newTarget) {
      const routing: WorkerRouting = { invocation: currentInvocation.getStore() ?? outside, preload, proxySocket };
      return Reflect.construct(
        target,
        [
          filename,
          {
            ...options,
            argv: [...(options.argv ?? []), `${WORKER_ROUTING}${JSON.stringify(routing)}`],
            execArgv: [...(options.execArgv ?? process.execArgv), ...preload],
          },
        ],
        newTarget,
      );
    },
  });
  Object.defineProperty(Worker.prototype, 'constructor', { value: routed, writable: false, configurable: false });
  workerThreads.Worker = routed;
  syncBuiltinESMExports();
}

/** In a worker: the invocation that started it and the preload, taken out of its arguments so the app's code does not find them there. */
export function workerRouting(): WorkerRouting {
  const last = process.argv.at(-1);
  if (!last?.startsWith(WORKER_ROUTING)) throw new Error('worker-egress.ts is preloaded only into the workers worker-threads.ts starts');
  process.argv.pop();
  return JSON.parse(last.slice(WORKER_ROUTING.length)) as WorkerRouting;
}
