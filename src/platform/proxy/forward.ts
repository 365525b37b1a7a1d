/** Forwarding a proxied request to its upstream and streaming the answer back. */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hopByHopHeaders } from '../http/hop-by-hop';
import { Refusal } from '../http/refusal';
import type { PlatformProfile } from '../profile';
import { PROXY_AUTHORIZATION, TARGET_SCHEME } from '../invocation/wire-names';
import { isLoopback } from '../http/loopback';
import { isUnstubbedHost, STUB_MARK, type UpstreamStubs } from './upstream-stubs';

/** Never forwarded, either way, besides the hop-by-hop headers: the platform's own authorization and marks. */
const NOT_FORWARDED = new Set(['host', PROXY_AUTHORIZATION, STUB_MARK, TARGET_SCHEME]);

/**
 * Headers only the platform sets (the principal, the cloud, the invocation, tracing): a client's
 * own copies never go out, so an app cannot speak for the platform to a product or a service.
 */
const PLATFORM_SET = /^(x-forge-|x-b3-)/;

/** The headers of `message` to pass on: none that end at this hop, none of the platform's own. */
function passedOn(headers: IncomingMessage['headers'], { fromClient }: { fromClient: boolean }): Record<string, string | string[]> {
  const hopByHop = hopByHopHeaders(headers);
  const kept: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || hopByHop.has(name) || NOT_FORWARDED.has(name) || (fromClient && PLATFORM_SET.test(name))) continue;
    kept[name] = value;
  }
  return kept;
}

export interface Forwarded {
  status: number;
  requestBytes: number;
  responseBytes: number;
}

let marks = 0;

/** A name lookup that never happens: whatever is not loopback is answered by a stub or by no one. */
const NO_LOOKUP = 'ENOLOOKUP';
const noLookup: LookupFunction = (hostname, _options, callback) =>
  callback(Object.assign(new Error(`${hostname} is not looked up: nothing leaves this machine`), { code: NO_LOOKUP }), '', 4);

/**
 * The agent of requests the stubs answer. Not kept alive: a kept-alive socket that nock's
 * interceptors answered once may carry the next request past them (nock 15 on Node 24's
 * keep-alive default agent), and a stubbed request must be answered by its stub every time.
 * Its lookup refuses, so a request that escapes interception is a clear refusal, never DNS.
 */
const STUBBED = new HttpsAgent({ keepAlive: false, lookup: noLookup });

/**
 * Sends the caller's request to `url` and streams the answer back, both bodies unbuffered.
 * Redirects are not followed (the 3xx goes back); an unreachable upstream, a timeout or a
 * missing stub become the profile's refusals.
 */
export function forward(
  {
    client,
    response,
    url,
    method,
    extraHeaders = {},
    seen,
  }: {
    client: IncomingMessage;
    response: ServerResponse;
    url: URL;
    method: string;
    extraHeaders?: Record<string, string>;
    /** Given each chunk of the body as it goes upstream (the token search keeps the start of it). */
    seen?: (chunk: Buffer) => void;
  },
  { profile, stubs }: { profile: PlatformProfile; stubs: UpstreamStubs },
): Promise<Forwarded> {
  const { upstreamUnreachable, upstreamTimedOut, noStub } = profile.proxy.refusals;
  const loopback = isLoopback(url);
  // Nothing but loopback leaves this machine: without stubs there is nothing else to ask.
  if (!loopback && !stubs.active)
    return Promise.reject(
      Refusal.proxy(
        noStub,
        `no stub for ${method} ${url.href}: no upstream definitions are loaded (put nock definitions in the app's upstreams/ folder, or pass --upstreams DIR)`,
      ),
    );
  const mark = loopback ? undefined : `m${++marks}`;
  const headers = passedOn(client.headers, { fromClient: true });
  Object.assign(headers, extraHeaders, { host: url.host }, mark && { [STUB_MARK]: mark });
  // A chunked body stays chunked: Node would not frame a DELETE or OPTIONS body by itself.
  if (client.headers['transfer-encoding'] && !client.headers['content-length']) headers['transfer-encoding'] = 'chunked';
  const send = loopback ? httpRequest : httpsRequest;

  return new Promise<Forwarded>((resolve, reject) => {
    let requestBytes = 0;
    const upstream = send({
      protocol: loopback ? 'http:' : 'https:',
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      ...(!loopback && { agent: STUBBED }),
    });
    upstream.setTimeout(profile.proxy.upstreamTimeoutMs, () =>
      upstream.destroy(Refusal.proxy(upstreamTimedOut, `${url.host} did not answer within ${profile.proxy.upstreamTimeoutMs} ms`)),
    );
    upstream.on('error', (error) => {
      if (error instanceof Refusal) reject(error);
      else if (isUnstubbedHost(error)) reject(Refusal.proxy(noStub, `no stub for ${method} ${url.href}: no upstream definition names ${url.host}`));
      else if ((error as NodeJS.ErrnoException).code === NO_LOOKUP)
        reject(Refusal.proxy(noStub, `no stub answered ${method} ${url.href}: the request was not intercepted, and nothing leaves this machine`));
      else reject(Refusal.proxy(upstreamUnreachable, `${url.host} could not be reached (${(error as NodeJS.ErrnoException).code ?? error.message})`));
    });
    upstream.on('response', (answer) => {
      if (mark && stubs.wasUnmatched(mark)) {
        answer.resume();
        reject(Refusal.proxy(noStub, `no stub for ${method} ${url.href}: add a definition for it to the upstream stubs`));
        return;
      }
      const responseHeaders = passedOn(answer.headers, { fromClient: false });
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders);
      let responseBytes = 0;
      answer.on('data', (chunk: Buffer) => (responseBytes += chunk.length));
      answer.pipe(response);
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502, requestBytes, responseBytes }));
      answer.on('error', (error) => reject(Refusal.proxy(upstreamUnreachable, `${url.host} broke off its answer (${error.message})`)));
    });
    client.on('data', (chunk: Buffer) => {
      requestBytes += chunk.length;
      seen?.(chunk);
    });
    client.pipe(upstream);
  });
}
