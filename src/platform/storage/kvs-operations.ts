/**
 * The Key-Value Store's operations as `@forge/kvs` sends them (`POST /api/v1/get|set|delete|query`
 * and `secret/get|set|delete`, read from its `out/storage-api.js`), on one installation's keys.
 */
import { checkedKey, checkedQuery, checkedValue, cursorOf, expiryOf, kvsError } from './kvs-rules';
import type { KvsStore, Space, StoredEntry } from './kvs-store';
import type { PlatformProfile } from '../profile';

/** Whose keys an operation works on, and when. */
export interface StoreContext {
  store: KvsStore;
  installation: string;
  profile: PlatformProfile;
  now: number;
}

/** What an operation answers: a JSON body, or none (204). */
export type KvsAnswer = { status: 200; body: unknown } | { status: 204 };

export const asResult = (entry: StoredEntry) => ({
  key: entry.key,
  value: JSON.parse(entry.value) as unknown,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  ...(entry.expireAt !== null && { expireTime: new Date(entry.expireAt).toISOString() }),
});

export function kvsOperation(operation: string, space: Space, body: Record<string, unknown>, { store, installation, profile, now }: StoreContext): KvsAnswer {
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
