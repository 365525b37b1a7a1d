/**
 * The function host: a child process that runs the partner's handlers unchanged, one message
 * per invocation, many invocations at once, each in its own async context.
 */
import { pathToFileURL } from 'node:url';
import { resolveForgePackagesFromHarness } from './forge-package-fallback';
import { forgeFetch, routeEgressThroughProxy } from './egress';
import { currentInvocation, installForgeGlobals } from './forge-globals';
import type { HostMessage, InvokeMessage, ParentMessage } from './protocol';
import { routeWorkersThroughProxy } from './worker-threads';
import { workerPreload } from '../process-entries';
import { takeProxySocket } from './host-isolation';

resolveForgePackagesFromHarness();
// Without a network (host-isolation.ts), the proxy's socket is the runtime's one way out.
const proxySocket = takeProxySocket();
routeEgressThroughProxy({ proxySocket });
routeWorkersThroughProxy(workerPreload('worker-egress'), { proxySocket });
installForgeGlobals(forgeFetch);

const modules = new Map<string, Promise<Record<string, unknown>>>();
const send = (message: HostMessage) => process.send!(message);

async function invoke({ id, file, exportName, payload, handlerContext, context }: InvokeMessage): Promise<void> {
  try {
    if (!modules.has(file)) modules.set(file, import(pathToFileURL(file).href));
    const exported = (await modules.get(file)!)[exportName];
    if (typeof exported !== 'function') throw new Error(`${file} does not export a function named ${exportName}`);
    const value = await currentInvocation.run(context, () => exported(payload, handlerContext));
    try {
      send({ type: 'result', id, value });
    } catch (error) {
      send({ type: 'error', id, message: `the handler returned a value that cannot be passed on: ${(error as Error).message}` });
    }
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    send({ type: 'error', id, message: err.message, ...(err.stack && { stack: err.stack }) });
  }
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'ping') send({ type: 'pong', id: message.id });
  else if (message.type === 'invoke') void invoke(message);
});
send({ type: 'ready' });
