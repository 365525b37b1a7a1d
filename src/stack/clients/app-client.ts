/** The app's REST API called as an outside client would, through the gateway, each call tagged for the observation log. */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { CORRELATION_HEADER } from '../../platform/gateway/header-names';
import type { CallObservation } from '../../platform/gateway/observation-log';
import type { Stack } from '../stack';
import type { Tenant } from './admin-client';

export interface CallOptions {
  method?: string;
  /** The bearer token; none when undefined. */
  token?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
  /** What the gateway recorded for this call (found by its correlation id). */
  observation(): Promise<CallObservation>;
}

/**
 * Calls an app path through the gateway as an outside client would, tagged for the observation
 * log. node:http rather than fetch: a client may send a body with any method, as the matrix does.
 */
export async function callApp(stack: Stack, tenant: Pick<Tenant, 'site' | 'installation'>, path: string, options: CallOptions = {}): Promise<CallResult> {
  const correlationId = randomUUID();
  const body = options.body === undefined || Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  const { status, headers, text } = await new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    let responded = false;
    const outgoing = request(
      stack.apiUrl(tenant, path),
      {
        method: options.method ?? 'GET',
        headers: {
          [CORRELATION_HEADER]: correlationId,
          ...(options.token && { authorization: `Bearer ${options.token}` }),
          ...(body && { 'content-length': String(body.length) }),
          ...options.headers,
        },
      },
      (response) => {
        responded = true;
        const chunks: Buffer[] = [];
        response
          .on('data', (chunk: Buffer) => chunks.push(chunk))
          .on('end', () => {
            const received = new Headers();
            for (const [name, value] of Object.entries(response.headers))
              if (value !== undefined) received.set(name, Array.isArray(value) ? value.join(', ') : value);
            resolve({ status: response.statusCode!, headers: received, text: Buffer.concat(chunks).toString('utf8') });
          })
          .on('error', reject);
      },
    );
    // The gateway may answer (413, 401…) before reading all of a large body: the answer still
    // arrives, so a write error then is waited out briefly rather than taken as the result.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (responded) return;
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') setTimeout(() => responded || reject(error), 1_000);
      else reject(error);
    });
    outgoing.end(body);
  });
  return {
    status,
    headers,
    text,
    json: () => JSON.parse(text),
    observation: async () => {
      const [observed] = await stack.observations.calls(correlationId);
      if (!observed) throw new Error(`the gateway recorded no call ${correlationId}`);
      return observed;
    },
  };
}
