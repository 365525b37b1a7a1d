/**
 * What pact-core's verifier talks to: a small server on 127.0.0.1 in front of the provider side.
 * It takes the verifier's provider-state calls and hands each interaction's states to the side,
 * then makes each interaction's request real (the side's site, token or invocation) and streams
 * it to the platform, body and all, whatever its size: the provider sees exactly what the pact
 * sends. Our own rather than pact-js's proxy, whose body parser stops bodies over 100 KB, so a
 * 413 could never be verified through it.
 */
import { once } from 'node:events';
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonObject } from '../platform/http/body';
import type { ProviderSide } from './provider-side';

/** Where the verifier posts provider-state changes (`providerStatesSetupUrl`). */
export const STATE_PATH = '/_pact/provider-states';

export interface VerificationFront extends AsyncDisposable {
  url: string;
  stateUrl: string;
}

interface StateChange {
  state?: string;
  params?: Record<string, unknown>;
  action?: 'setup' | 'teardown';
}

const fail = (response: ServerResponse, why: string) => {
  if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ error: why }));
};

export async function startVerificationFront(side: ProviderSide): Promise<VerificationFront> {
  const provider = new URL(side.baseUrl);

  const changeState = async (request: IncomingMessage, response: ServerResponse) => {
    const change = (await readJsonObject(request)) as StateChange;
    if (change.action !== 'teardown' && change.state) side.given(change.state, change.params ?? {});
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };

  const relay = async (request: IncomingMessage, response: ServerResponse) => {
    // pact-core verifies one interaction at a time: once its request is made real, its states are spent.
    const refusal = await side.prepare(request).finally(() => side.reset());
    if (refusal) {
      request.resume();
      return fail(response, refusal);
    }
    const outgoing = forward(
      { host: provider.hostname, port: provider.port, method: request.method, path: request.url, headers: { ...request.headers, host: provider.host } },
      (answer) => {
        const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = answer.headers;
        // Answered before the whole body was sent (a 413): the verifier must not reuse this connection, whose request is unfinished.
        response.writeHead(answer.statusCode ?? 502, { ...headers, ...(!request.complete && { connection: 'close' }) });
        answer.pipe(response);
      },
    );
    // The platform may answer (413) before it has read the whole body, then stop reading: that answer stands.
    outgoing.on('error', (error) => {
      if (!response.headersSent) fail(response, `the platform did not answer: ${error.message}`);
    });
    request.pipe(outgoing);
  };

  const server = createServer((request, response) => {
    const handled = request.method === 'POST' && request.url === STATE_PATH ? changeState(request, response) : relay(request, response);
    handled.catch((error: Error) => fail(response, `the platform could not be set up for this interaction: ${error.message}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateUrl: `${url}${STATE_PATH}`,
    [Symbol.asyncDispose]: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
