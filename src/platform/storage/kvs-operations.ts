/**
 * The Key-Value Store's operations as `@forge/kvs` sends them (`POST /api/v1/get|set|delete|query`
 * and `secret/get|set|delete`, read from its `out/storage-api.js`), on one installation's keys.
 */
import { Refusal } from '../http/refusal';
import type { PlatformProfile } from '../profile';
import { checkedKey, checkedQuery, checkedValue, cursorOf, expiryOf, KVS_LIMITS, kvsError } from './kvs-rules';
import type { KvsStore, Space, StoredEntry } from './kvs-store';

/** What an operation answers: a JSON body, or none (204). */
export type KvsAnswer = { status: 200; body: unknown } | { status: 204 };

const asResult = (entry: StoredEntry) => ({
  key: entry.key,
  value: JSON.parse(entry.value) as unknown,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  ...(entry.expireAt !== null && { expireTime: new Date(entry.expireAt).toISOString() }),
});

export function kvsOperation(
  operation: string,
  space: Space,
  body: Record<string, unknown>,
  { store, installation, profile, now }: { store: KvsStore; installation: string; profile: PlatformProfile; now: number },
): KvsAnswer {
  switch (operation) {
    case 'get': {
      const entry = store.get(installation, space, checkedKey(body.key));
      if (!entry) throw kvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
      return { status: 200, body: asResult(entry) };
    }
    case 'set': {
      const key = checkedKey(body.key);
      const value = checkedValue(body.value);
      const options = (body.options ?? {}) as { ttl?: unknown; keyPolicy?: unknown; returnValue?: unknown };
      const expireAt = expiryOf(options.ttl, now);
      if (options.keyPolicy === 'FAIL_IF_EXISTS' && store.get(installation, space, key)) {
        const { status, code } = profile.storage.keyExists;
        throw kvsError(status, code, `The key ${key} exists, and the keyPolicy is FAIL_IF_EXISTS.`);
      }
      const { previous, latest } = store.set(installation, space, key, value, expireAt);
      if (options.keyPolicy !== 'OVERRIDE' || (options.returnValue !== 'PREVIOUS' && options.returnValue !== 'LATEST')) return { status: 204 };
      const returned = options.returnValue === 'PREVIOUS' ? previous : latest;
      return returned ? { status: 200, body: asResult(returned) } : { status: 204 };
    }
    case 'delete':
      store.delete(installation, space, checkedKey(body.key));
      return { status: 204 };
    case 'query': {
      if (space === 'secret') break;
      const query = checkedQuery(body, profile.storage.defaultQueryLimit);
      // One more than asked tells whether there is a next page.
      const found = store.query(installation, { ...query, limit: query.limit + 1 });
      const page = found.slice(0, query.limit);
      return {
        status: 200,
        body: { data: page.map(asResult), ...(found.length > query.limit && { cursor: cursorOf(page.at(-1)!.key) }) },
      };
    }
  }
  throw kvsError(404, 'NOT_FOUND', `the Key-Value Store has no operation ${space === 'secret' ? 'secret/' : ''}${operation}`);
}

/**
 * `batch/set|get|delete` as `@forge/kvs` sends them: a list of items, each answered on its own,
 * the failures in `failedKeys` with the code a single call would have had. Items of a custom
 * entity (`entityName`) fail: custom entities are not served yet (facts.md §11).
 */
export function kvsBatch(
  operation: string,
  items: unknown,
  { store, installation, profile, now }: { store: KvsStore; installation: string; profile: PlatformProfile; now: number },
): KvsAnswer {
  if (!['set', 'get', 'delete'].includes(operation)) throw kvsError(404, 'NOT_FOUND', `the Key-Value Store has no operation batch/${operation}`);
  if (!Array.isArray(items)) throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: a batch is a list of items.');
  const successfulKeys: unknown[] = [];
  const failedKeys: unknown[] = [];
  for (const item of items as Record<string, unknown>[]) {
    const named = { key: item?.key, ...(item?.entityName !== undefined && { entityName: item.entityName }) };
    try {
      if (item?.entityName !== undefined) throw kvsError(404, 'NOT_FOUND', 'custom entities are not served by the emulator yet');
      const answer = kvsOperation(operation, 'data', item, { store, installation, profile, now });
      successfulKeys.push(operation === 'get' && answer.status === 200 ? answer.body : named);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      failedKeys.push({ ...named, error: error.body });
    }
  }
  return { status: 200, body: { successfulKeys, failedKeys } };
}

/**
 * `transaction` as `@forge/kvs` sends it (`{set, delete, check}`): every operation applied, or
 * none. At most 25 operations and 4 MB (facts.md §11). Conditions and checks belong to custom
 * entities, which are not served yet: a transaction that uses them is refused whole.
 */
export function kvsTransaction(body: Record<string, unknown>, { store, installation, now }: { store: KvsStore; installation: string; now: number }): KvsAnswer {
  const list = (name: string) => {
    const value = body[name] ?? [];
    if (!Array.isArray(value)) throw kvsError(400, 'BAD_REQUEST', `Provided request body is invalid: ${name} must be a list.`);
    return value as Record<string, unknown>[];
  };
  const [sets, deletes, checks] = [list('set'), list('delete'), list('check')];
  const count = sets.length + deletes.length + checks.length;
  if (count === 0) throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: a transaction needs at least one operation.');
  if (count > KVS_LIMITS.transactionOperations)
    throw kvsError(400, 'BAD_REQUEST', `A transaction holds at most ${KVS_LIMITS.transactionOperations} operations; this one has ${count}.`);
  if (Buffer.byteLength(JSON.stringify(body)) > KVS_LIMITS.transactionBytes)
    throw kvsError(400, 'MAX_SIZE', 'The transaction has exceeded the maximum size limit (4 MB).');
  if (checks.length > 0 || [...sets, ...deletes].some((op) => op.entityName !== undefined || op.conditions !== undefined))
    throw kvsError(404, 'NOT_FOUND', 'custom entities, their conditions and checks are not served by the emulator yet');
  // Every operation is checked before any is applied, and applied in one database transaction.
  const writes = sets.map((op) => ({
    key: checkedKey(op.key),
    value: checkedValue(op.value),
    expireAt: expiryOf((op.options as { ttl?: unknown } | undefined)?.ttl, now),
  }));
  const removals = deletes.map((op) => checkedKey(op.key));
  store.atomically(() => {
    for (const write of writes) store.set(installation, 'data', write.key, write.value, write.expireAt);
    for (const key of removals) store.delete(installation, 'data', key);
  });
  return { status: 204 };
}
