/**
 * Preloaded into every worker thread a function starts (worker-threads.ts): the worker's
 * outbound requests go to the egress proxy for the invocation that started it, as the host's
 * own do; once that invocation has finished, the proxy refuses them. Loaded through tsx's
 * require hook when running from source, so nothing it imports may need `import.meta.resolve`.
 */
import { routeEgressThroughProxy } from './egress';
import { routeWorkersThroughProxy, workerRouting } from './worker-threads';

const { invocation, preload, proxySocket } = workerRouting();
routeEgressThroughProxy({ outside: invocation, proxySocket });
// A worker's own workers are routed the same way, for the same invocation.
routeWorkersThroughProxy(preload, { outside: invocation, proxySocket });
