import { IncomingMessage } from 'node:http';
import { readBody } from '../http/body';
import { Refusal } from '../http/refusal';

const oauthError = (description: string) => new Refusal(400, description, { error: 'invalid_request', error_description: description });

/**
 * facts.md §8 (1): Atlassian's token endpoint takes JSON bodies, oidc-provider's reads
 * forms only. A JSON request is re-issued to the provider as the equivalent form request.
 */
export async function jsonTokenRequestAsForm(request: IncomingMessage): Promise<IncomingMessage> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(request, 56 * 1024)).toString('utf8'));
  } catch (error) {
    if (error instanceof Refusal) throw oauthError('the request body is too large');
    throw oauthError('the request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw oauthError('the request body must be a JSON object');
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') form.set(name, String(value));
    else if (value !== null) throw oauthError(`${name} must be a string`);
  }
  const text = form.toString();
  // Not bound to the socket: a bound IncomingMessage would end the connection when it is done.
  const replay = new IncomingMessage(null as never);
  Object.defineProperty(replay, 'socket', { value: request.socket });
  replay.complete = true;
  replay.method = request.method;
  replay.url = request.url;
  replay.httpVersion = request.httpVersion;
  replay.httpVersionMajor = request.httpVersionMajor;
  replay.httpVersionMinor = request.httpVersionMinor;
  replay.headers = { ...request.headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(text)) };
  replay.rawHeaders = Object.entries(replay.headers).flatMap(([name, value]) => [name, String(value)]);
  replay.push(text);
  replay.push(null);
  return replay;
}

export const isJsonTokenRequest = (request: IncomingMessage) =>
  request.method === 'POST' &&
  new URL(request.url ?? '/', 'http://localhost').pathname === '/oauth/token' &&
  /^application\/json\b/i.test(request.headers['content-type'] ?? '');
