/** The Forge runtime globals `@forge/api` expects, per invocation. */
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
      installation: {
        ari: { installationId: context.installationId },
        contexts: [{ cloudId: context.cloudId, toString: () => `ari:cloud:${context.product}::site/${context.cloudId}` }],
      },
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
 * Installs what @forge/api needs to run unchanged (facts.md §5): `__forge_runtime__` answers
 * for whichever invocation is running; `__forge_fetch__` carries product and service requests.
 */
export function installForgeGlobals(forgeFetch: (...args: never[]) => Promise<Response>): void {
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
    value: forgeFetch,
  });
}
