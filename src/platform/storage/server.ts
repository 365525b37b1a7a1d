/**
 * The platform's storage service: the Key-Value Store of every installation, in the platform's
 * own process. Only the egress proxy calls it, with the stack's control key and the installation
 * of the live invocation it checked, so an app reaches its own installation's keys and no other's.
 */
import type { IncomingMessage } from 'node:http';
import { readJsonObject } from '../http/body';
import { serve, type RunningServer } from '../http/listen';
import { Refusal } from '../http/refusal';
import { headerValue } from '../http/request-target';
import { sendJson } from '../http/respond';
import { Router } from '../http/router';
import { INSTALLATION_HEADER, INVOCATION_ID_HEADER } from '../invocation/wire-names';
import type { PlatformProfile } from '../profile';
import { kvsOperation } from './kvs-operations';
import { legacyStorageRequest } from './legacy-graphql';
import { KVS_LIMITS } from './kvs-rules';
import { KvsStore } from './kvs-store';
import { StorageLog, type StorageEntry } from './storage-log';

/** The installation the proxy named for the live invocation (the app cannot name one). */
function installationOf(request: IncomingMessage): string {
  const installation = headerValue(request.headers, INSTALLATION_HEADER);
  if (!installation) throw new Refusal(400, `a storage call names its installation in ${INSTALLATION_HEADER}`);
  return installation;
}

export interface RunningStorage extends RunningServer {
  store: KvsStore;
}

export async function startStorageServer({
  profile,
  controlKey,
  port,
}: {
  profile: PlatformProfile;
  controlKey: string;
  port?: number;
}): Promise<RunningStorage> {
  const store = new KvsStore();
  const log = new StorageLog();
  /** Runs one call and records it, served or refused; a refusal still goes to the caller as it was. */
  const recorded = async (
    request: IncomingMessage,
    entry: { api: StorageEntry['api']; operation: string; key: string | undefined },
    work: () => Promise<{ status: number; code?: string | undefined }>,
  ) => {
    const base = {
      installationId: installationOf(request),
      invocationId: headerValue(request.headers, INVOCATION_ID_HEADER),
      requestBytes: Number(request.headers['content-length'] ?? 0) || 0,
      ...entry,
    };
    try {
      const { status, code } = await work();
      log.record({ ...base, status, code });
    } catch (error) {
      const refusal = error instanceof Refusal ? error : undefined;
      log.record({ ...base, status: refusal?.status ?? 500, code: (refusal?.body as { code?: string } | undefined)?.code });
      throw error;
    }
  };
  // A whole request may hold a value at the limit and its key: a little over the value limit.
  const bodyOf = (request: IncomingMessage) => readJsonObject(request, KVS_LIMITS.valueBytes + 64 * 1024);
  const answer =
    (space: 'data' | 'secret') =>
    async ({ request, response, params }: Parameters<Parameters<Router['control']>[2]>[0]) => {
      const body = await bodyOf(request);
      const operation = `${space === 'secret' ? 'secret/' : ''}${params.operation!}`;
      await recorded(request, { api: 'kvs', operation, key: typeof body.key === 'string' ? body.key : undefined }, async () => {
        const result = kvsOperation(params.operation!, space, body, { store, installation: installationOf(request), profile, now: Date.now() });
        if (result.status === 204) response.writeHead(204).end();
        else sendJson(response, 200, result.body);
        return { status: result.status };
      });
    };
  const router = new Router(controlKey)
    .control('POST', '/kvs/api/v1/secret/:operation', answer('secret'))
    .control('POST', '/kvs/api/v1/:operation', answer('data'))
    .control('POST', '/entities/graphql', async ({ request, response }) => {
      const body = await bodyOf(request);
      const outcome = await legacyStorageRequest(body, { store, installation: installationOf(request), profile });
      await recorded(request, { api: 'legacy', operation: outcome.operation, key: outcome.key }, async () => {
        sendJson(response, 200, outcome.answer);
        return { status: 200, code: outcome.code };
      });
    })
    .control('GET', '/_observe/keys', ({ response, url }) => sendJson(response, 200, store.keysOf(url.searchParams.get('installation') ?? '')))
    .control('GET', '/_observe/storage', ({ response, url }) =>
      sendJson(response, 200, log.query({ invocationId: url.searchParams.get('invocationId') ?? undefined })),
    );
  const server = await serve(
    'storage',
    async (request, response) => {
      if (await router.handle(request, response)) return;
      sendJson(response, 404, { code: 'NOT_FOUND', message: `${request.method} ${request.url} is not a storage operation the emulator serves` });
    },
    port,
  );
  return {
    ...server,
    store,
    stop: async () => {
      await server.stop();
      store.close();
    },
  };
}
