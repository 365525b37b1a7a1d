/**
 * The platform's storage: the Key-Value Store of every installation and the log of every call,
 * held by the egress proxy's process, which serves a storage call itself once it has checked the
 * live invocation: the installation is the one the proxy found, never one the app names, and a
 * call costs one hop, as a handler's egress does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import { readBody } from '../http/body';
import { Refusal } from '../http/refusal';
import { sendJson } from '../http/respond';
import type { PlatformProfile } from '../profile';
import type { CustomEntity } from '../../app/custom-entities';
import { entityOperation } from './entity-operations';
import { kvsBatch, kvsTransaction } from './kvs-batches';
import { kvsOperation } from './kvs-operations';
import { KVS_LIMITS, kvsError } from './kvs-rules';
import { KvsStore } from './kvs-store';
import { fieldsOf, legacyStorageRequest } from './legacy-graphql';
import { StorageRates } from './storage-rates';
import { StorageLog, type StorageEntry } from './storage-log';

/** Whom a storage call is for: the installation and invocation the proxy checked. */
export interface StorageCaller {
  installationId: string;
  invocationId: string;
}

/** `/kvs/api/v1/<operation>`, `/kvs/api/v1/{secret,batch,entity}/<operation>`, or `/entities/graphql`. */
const OPERATION = /^\/kvs\/api\/v1\/(?:(secret|batch|entity)\/)?([a-z]+)$/;

/** A JSON body: an object for most operations, a list for a batch. */
async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  // A body over what the store takes is the store's MAX_SIZE, the code @forge/kvs knows, not a bare 413.
  const text = (
    await readBody(request, limit).catch((error: unknown) => {
      if (error instanceof Refusal && error.status === 413) throw kvsError(400, 'MAX_SIZE', 'The request has exceeded the maximum size limit.');
      throw error;
    })
  ).toString('utf8');
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new Refusal(400, 'the body is not valid JSON', { code: 'BAD_REQUEST', message: 'Provided request body is invalid JSON' });
  }
}

const objectOf = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Refusal(400, 'the body must be a JSON object', { code: 'BAD_REQUEST', message: 'Provided request body is invalid' });
  return body as Record<string, unknown>;
};

/** The operations that write (the rest read): a set or delete of any kind, a batch's, a transaction. */
const WRITES = new Set(['set', 'delete', 'transaction']);

export class StorageService {
  readonly store: KvsStore;
  readonly log = new StorageLog();
  private readonly rates = new StorageRates();

  constructor(
    private readonly profile: PlatformProfile,
    db?: DatabaseSync,
    /** The custom entities the app's manifest declares. */
    private readonly entities: readonly CustomEntity[] = [],
  ) {
    this.store = new KvsStore(Date.now, db);
  }

  /** Serves one storage call and records it, served or refused; a refusal is thrown for the proxy to answer. */
  async serve(path: string, request: IncomingMessage, response: ServerResponse, caller: StorageCaller): Promise<{ status: number }> {
    // The largest request the store takes is a transaction at its limit; its own check then says MAX_SIZE.
    const body = await readJson(request, KVS_LIMITS.transactionBytes + 64 * 1024);
    const base = {
      installationId: caller.installationId,
      invocationId: caller.invocationId,
      requestBytes: Number(request.headers['content-length'] ?? 0) || 0,
    };
    const legacy = path === '/entities/graphql';
    const [, prefix, operation] = OPERATION.exec(path) ?? [];
    // The rates count every request that names an operation, before it runs (a legacy one by the fields it asks for).
    const legacyFields = legacy ? fieldsOf(String((body as { query?: unknown } | null)?.query ?? '')) : '';
    try {
      if (legacy || operation)
        this.rates.admit(
          caller.installationId,
          (legacy ? legacyFields.startsWith('appStorage') : WRITES.has(operation!)) ? 'write' : 'read',
          base.requestBytes,
        );
    } catch (error) {
      this.log.record({
        ...base,
        api: legacy ? 'legacy' : 'kvs',
        operation: legacy ? legacyFields : `${prefix ? `${prefix}/` : ''}${operation}`,
        key: undefined,
        status: 429,
        code: 'RATE_LIMIT_EXCEEDED',
      });
      throw error;
    }
    if (legacy) {
      const context = { store: this.store, installation: caller.installationId, profile: this.profile, entities: this.entities, now: Date.now() };
      const outcome = await legacyStorageRequest(objectOf(body), context, legacyFields);
      this.log.record({ ...base, api: 'legacy', operation: outcome.operation, key: outcome.key, status: 200, code: outcome.code });
      sendJson(response, 200, outcome.answer);
      return { status: 200 };
    }
    const items = (Array.isArray(body) ? body : [body]) as { key?: unknown; entityName?: unknown }[];
    const key = items.map((item) => item?.key).join(' ');
    const entity = items.find((item) => typeof item?.entityName === 'string')?.entityName as string | undefined;
    const entry = {
      ...base,
      api: 'kvs' as const,
      operation: `${prefix ? `${prefix}/` : ''}${operation ?? path}`,
      // Bounded: a refused key may be far longer than any the store keeps, and a batch names many.
      key: key === '' ? undefined : key.slice(0, 1000),
      ...(entity && { entity }),
    };
    try {
      if (!operation)
        throw new Refusal(404, `${path} is not a storage operation`, { code: 'NOT_FOUND', message: `${path} is not a storage operation the emulator serves` });
      const context = { store: this.store, installation: caller.installationId, profile: this.profile, entities: this.entities, now: Date.now() };
      const result =
        prefix === 'batch'
          ? kvsBatch(operation, body, context)
          : prefix === 'entity'
            ? entityOperation(operation, objectOf(body), context)
            : !prefix && operation === 'transaction'
              ? kvsTransaction(objectOf(body), context)
              : kvsOperation(operation, prefix === 'secret' ? 'secret' : 'data', objectOf(body), context);
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

  /**
   * Writes one item of a seed file (`up --seed`) into an installation's store, checked as an
   * app's write is: a key, a secret, or an item of a declared custom entity. Not logged: it is
   * the harness's write, not the app's.
   */
  seed(installation: string, item: { kind: 'key' | 'secret' | 'entity'; entityName?: string; key: unknown; value: unknown }): void {
    const context = { store: this.store, installation, profile: this.profile, entities: this.entities, now: Date.now() };
    const body = { key: item.key, value: item.value, ...(item.entityName !== undefined && { entityName: item.entityName }) };
    if (item.kind === 'entity') entityOperation('set', body, context);
    else kvsOperation('set', item.kind === 'secret' ? 'secret' : 'data', body, context);
  }

  calls(invocationId?: string): StorageEntry[] {
    return this.log.query({ invocationId });
  }

  close(): void {
    this.store.close();
  }
}
