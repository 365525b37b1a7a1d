/** Starting a component's HTTP server on loopback, and the one place thrown errors become responses. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createSocketServer, type AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { asRefusal, type Refusal } from './refusal';
import { sendJson } from './respond';

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * Answers a request with what was thrown while handling it: a Refusal with its status, body and
 * headers, anything else as the component's own 500. The only place errors become responses.
 */
export function answerWith(response: ServerResponse, error: unknown, component: string): Refusal {
  const refusal = asRefusal(error, component);
  if (response.headersSent) response.destroy();
  else sendJson(response, refusal.status, refusal.body, refusal.headers);
  if (refusal.status >= 500 && process.env.FORGE_CONFORMANCE_DEBUG) console.error(error);
  return refusal;
}

/**
 * Starts a platform component's HTTP server on 127.0.0.1 (never another address) on `port`, 0
 * for a free one, and on the Unix socket `unixSocket` too when given one (the egress proxy's, for
 * function hosts that have no network: runtime/host-isolation.ts). Whatever the handler throws is
 * answered by answerWith.
 */
export async function serve(component: string, handler: RequestHandler, port = 0, unixSocket?: string): Promise<RunningServer> {
  const server: Server = createServer(async (request, response) => {
    try {
      await handler(request, response);
    } catch (error) {
      answerWith(response, error, component);
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // The socket's connections are the same server's: one handler, one set of connections to close.
  const onSocket = unixSocket ? createSocketServer((connection) => server.emit('connection', connection)) : undefined;
  if (onSocket)
    await new Promise<void>((resolve, reject) => {
      onSocket.once('error', (error) => server.close(() => reject(error)));
      onSocket.listen(unixSocket, () => resolve());
    });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        onSocket?.close();
        if (unixSocket) rmSync(unixSocket, { force: true });
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
