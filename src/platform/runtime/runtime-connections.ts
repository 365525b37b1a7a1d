/**
 * The runtime's own requests to the egress proxy, and nobody else's, around the egress
 * interceptor. @mswjs/interceptors (0.45) intercepts every socket connect in the process and
 * parses each request's bytes in JavaScript before it may pass: for a request of the runtime's
 * own (a storage call, a queue push) that was a third of the function host's CPU. Before each
 * connect it asks one hook, `globalThis.__MSW_INTERNAL_CONNECTION_CONTEXT.consume()`, whether the
 * connection is one of its own internal ones, to be made as it is. That hook is the way around
 * it: left as the package sets it, any app could enter it (`run(() => http.get(anywhere))`) and
 * reach the network unseen. So it is replaced, for good, by one that lets through a connection
 * only this module opens, from a context only this module can enter, and whose `run` grants nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const HOOK = '__MSW_INTERNAL_CONNECTION_CONTEXT';

/** One request's right to connect around the interceptor: spent by its first connect, so nothing that runs later in its context inherits it. */
interface OwnConnection {
  spent: boolean;
}

/**
 * Takes the hook over, and returns the fetch the runtime's own requests go out on: Node's fetch
 * as it is now (call this before the interceptor is applied), its connections made around the
 * interceptor. Connections are pooled by that fetch alone, and app code never runs inside it:
 * a body the app made (a stream, form data) is read to bytes before the request starts, where
 * the app's own code runs in the app's own context.
 */
export function ownConnectionsFetch(unixSocket?: string): typeof fetch {
  const pristine = globalThis.fetch;
  const dispatcher = unixSocket ? socketDispatcher(unixSocket) : undefined;
  const own = new AsyncLocalStorage<OwnConnection>();
  // Set by the package when it loads: without it, an upgrade has moved the door, and this would guard nothing.
  if (typeof (globalThis as Record<string, { consume?: unknown } | undefined>)[HOOK]?.consume !== 'function')
    throw new Error(`@mswjs/interceptors no longer sets ${HOOK}: runtime-connections.ts must follow its new way around the interceptor`);
  Object.defineProperty(globalThis, HOOK, {
    value: Object.freeze({
      run: <T>(callback: () => T): T => callback(),
      consume(): boolean {
        const connection = own.getStore();
        if (!connection || connection.spent) return false;
        connection.spent = true;
        return true;
      },
    }),
    writable: false,
    configurable: false,
    enumerable: false,
  });
  return async (input, init = {}) => {
    const settled = await settledBody(input, init);
    return own.run({ spent: false }, () => pristine(input, dispatcher ? ({ ...settled, dispatcher } as RequestInit) : settled));
  };
}

/**
 * A dispatcher of Node's own fetch that connects to `unixSocket` whatever the URL's host: made
 * from the class of the global one, Node's bundled undici (its npm copy's classes do not fit
 * Node's fetch). Undici keeps the global dispatcher under this registered symbol for its copies to share.
 */
function socketDispatcher(unixSocket: string): object {
  const global = (globalThis as Record<symbol, { constructor: new (options: object) => object } | undefined>)[Symbol.for('undici.globalDispatcher.1')];
  if (!global) throw new Error("Node's fetch shows no dispatcher: the runtime cannot reach the proxy's socket");
  return new global.constructor({ connect: { socketPath: unixSocket } });
}

/** `init` with its body as bytes or text: a body of any other kind is read here, outside the runtime's context. */
async function settledBody(input: string | URL | Request, init: RequestInit): Promise<RequestInit> {
  const { body } = init;
  if (body === undefined || body === null || typeof body === 'string' || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return init;
  // Read as fetch would send it, with the content type it would give it (form data's boundary).
  const request = new Request(input, { ...init, ...(body instanceof ReadableStream && { duplex: 'half' }) } as RequestInit);
  const settled: RequestInit & { duplex?: string } = { ...init, headers: request.headers, body: await request.arrayBuffer() };
  delete settled.duplex;
  return settled;
}
