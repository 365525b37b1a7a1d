import { AsyncLocalStorage } from 'node:async_hooks';
import type { InvocationContext } from './protocol';

/** The invocation a piece of handler code runs for, carried across awaits. */
export const currentInvocation = new AsyncLocalStorage<InvocationContext>();

const noopMetrics = {
  timing: () => ({ measure: () => ({ stop() {} }) }),
  counter: () => ({ incr() {}, incrBy() {}, decr() {}, decrBy() {} }),
  gauge: () => ({ set() {} }),
};

/** The runtime object @forge/api reads (`global.__forge_runtime__`), for the current invocation. */
function forgeRuntime(context: InvocationContext) {
  return {
    proxy: { token: context.invocationId, url: context.proxyUrl ?? '' },
    contextAri: `ari:cloud:${context.product}::site/${context.cloudId}`,
    container: { runtime: `nodejs${process.versions.node.split('.')[0]}.x` },
    appContext: {
      appId: context.appId,
      appVersion: '1.0.0',
      environmentId: context.envId,
      environmentType: 'DEVELOPMENT',
      invocationId: context.invocationId,
      installationId: context.installationId,
      functionKey: context.functionKey,
      moduleType: context.moduleType,
      moduleKey: context.moduleKey,
      installation: { ari: { installationId: context.installationId }, contexts: [{ cloudId: context.cloudId, toString: () => `ari:cloud:${context.product}::site/${context.cloudId}` }] },
    },
    aaid: context.accountId,
    lambdaContext: {
      awsRequestId: context.invocationId,
      getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
    },
    tracing: { traceId: context.traceId, spanId: context.traceId.slice(0, 16) },
    realtime: {},
    metrics: noopMetrics,
    featureFlags: () => false,
  };
}

/**
 * Installs what @forge/api needs to run unchanged (platform.md §5): `__forge_runtime__` answers
 * for whichever invocation is running, and `__forge_fetch__` (product and remote calls) fails
 * clearly until an egress proxy is attached.
 */
export function installForgeGlobals(): void {
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get() {
      const context = currentInvocation.getStore();
      return context ? forgeRuntime(context) : undefined;
    },
  });
  Object.defineProperty(globalThis, '__forge_fetch__', {
    configurable: true,
    writable: true,
    value: async () => {
      throw new Error('product and remote requests need the egress proxy, which this runtime was started without');
    },
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A function may not reach the network around the platform: fetch to anything but loopback
 * fails the way an unreachable host does. (Routing it through the egress proxy comes with the
 * proxy; until then nothing leaves this machine.)
 */
export function refuseDirectEgress(): void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!LOOPBACK.has(url.hostname)) {
      throw new TypeError('fetch failed', { cause: new Error(`no egress proxy is attached: ${url.host} cannot be reached from a function`) });
    }
    return realFetch(input, init);
  };
}
