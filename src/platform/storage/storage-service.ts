/**
 * The platform's storage: the Key-Value Store of every installation and the log of every call,
 * held by the egress proxy's process, which serves a storage call itself once it has checked the
 * live invocation: the installation is the one the proxy found, never one the app names, and a
 * call costs one hop, as a handler's egress does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject } from '../http/body';
import { Refusal } from '../http/refusal';
import { sendJson } from '../http/respond';
import type { PlatformProfile } from '../profile';
import { kvsOperation } from './kvs-operations';
import { KVS_LIMITS } from './kvs-rules';
import { KvsStore } from './kvs-store';
import { legacyStorageRequest } from './legacy-graphql';
import { StorageLog, type StorageEntry } from './storage-log';

/** Whom a storage call is for: the installation and invocation the proxy checked. */
export interface StorageCaller {
  installationId: string;
  invocationId: string;
}

/** `/kvs/api/v1/<operation>`, `/kvs/api/v1/secret/<operation>`, or `/entities/graphql`. */
const OPERATION = /^\/kvs\/api\/v1\/(?:(secret)\/)?([a-z]+)$/;

export class StorageService {
  readonly store = new KvsStore();
  readonly log = new StorageLog();

  constructor(private readonly profile: PlatformProfile) {}

  /** Serves one storage call and records it, served or refused; a refusal is thrown for the proxy to answer. */
  async serve(path: string, request: IncomingMessage, response: ServerResponse, caller: StorageCaller): Promise<{ status: number }> {
    // A whole request may hold a value at the limit and its key: a little over the value limit.
    const body = await readJsonObject(request, KVS_LIMITS.valueBytes + 64 * 1024);
    const base = {
      installationId: caller.installationId,
      invocationId: caller.invocationId,
      requestBytes: Number(request.headers['content-length'] ?? 0) || 0,
    };
    if (path === '/entities/graphql') {
      const outcome = await legacyStorageRequest(body, { store: this.store, installation: caller.installationId, profile: this.profile });
      this.log.record({ ...base, api: 'legacy', operation: outcome.operation, key: outcome.key, status: 200, code: outcome.code });
      sendJson(response, 200, outcome.answer);
      return { status: 200 };
    }
    const [, secret, operation] = OPERATION.exec(path) ?? [];
    const entry = {
      ...base,
      api: 'kvs' as const,
      operation: `${secret ? 'secret/' : ''}${operation ?? path}`,
      key: typeof body.key === 'string' ? body.key : undefined,
    };
    try {
      if (!operation)
        throw new Refusal(404, `${path} is not a storage operation`, { code: 'NOT_FOUND', message: `${path} is not a storage operation the emulator serves` });
      const result = kvsOperation(operation, secret ? 'secret' : 'data', body, {
        store: this.store,
        installation: caller.installationId,
        profile: this.profile,
        now: Date.now(),
      });
      this.log.record({ ...entry, status: result.status, code: undefined });
      if (result.status === 204) response.writeHead(204).end();
      else sendJson(response, 200, result.body);
      return { status: result.status };
    } catch (error) {
      const refusal = error instanceof Refusal ? error : undefined;
      this.log.record({ ...entry, status: refusal?.status ?? 500, code: (refusal?.body as { code?: string } | undefined)?.code });
      throw error;
    }
  }

  calls(invocationId?: string): StorageEntry[] {
    return this.log.query({ invocationId });
  }

  close(): void {
    this.store.close();
  }
}
