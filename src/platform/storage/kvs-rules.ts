/**
 * What the Key-Value Store accepts (facts.md §11), each refusal with the code `@forge/kvs` turns
 * into its `ForgeKvsAPIError`: keys, values, times to live and list queries.
 */
import { Refusal } from '../http/refusal';

/** A refusal as the KVS answers it: the status, and `{code, message}` for the package. */
export const kvsError = (status: number, code: string, message: string) => new Refusal(status, `${code}: ${message}`, { code, message });

const KEY = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  depth: 32,
  queryLimit: 100,
  transactionOperations: 25,
  transactionBytes: 4 * 1024 * 1024,
} as const;

export function checkedKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw kvsError(400, 'KEY_TOO_SHORT', 'The provided key must not be empty.');
  if (key.length > KVS_LIMITS.keyLength) throw kvsError(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${KVS_LIMITS.keyLength} characters.`);
  if (!KEY.test(key)) throw kvsError(400, 'INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  return key;
}

const depthOf = (value: unknown): number =>
  typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf)) : 0;

/** The value as the JSON text to keep: present, at most 240 KiB, at most 32 levels deep. */
export function checkedValue(value: unknown): string {
  if (value === undefined) throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: it has no value.');
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text) > KVS_LIMITS.valueBytes) throw kvsError(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  if (depthOf(value) > KVS_LIMITS.depth)
    throw kvsError(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${KVS_LIMITS.depth}) limit.`);
  return text;
}

const UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

/** `{ttl: {value, unit}}` as the moment the key expires, or null for none. */
export function expiryOf(ttl: unknown, now: number): number | null {
  if (ttl === undefined) return null;
  const { value, unit } = (ttl ?? {}) as { value?: unknown; unit?: unknown };
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || typeof unit !== 'string' || !(unit in UNIT_MS))
    throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: ttl needs a positive whole value and a unit of SECONDS, MINUTES, HOURS or DAYS.');
  return now + value * UNIT_MS[unit as keyof typeof UNIT_MS];
}

/** A list query: one `where` on `key` with `BEGINS_WITH` and one value, a limit of at most 100, and a cursor the store made. */
export function checkedQuery(body: Record<string, unknown>, defaultLimit: number): { prefix: string | undefined; after: string | undefined; limit: number } {
  const limit = body.limit ?? defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
    throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: limit must be a positive whole number.');
  if (limit > KVS_LIMITS.queryLimit) throw kvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be below ${KVS_LIMITS.queryLimit}.`);
  const where = body.where ?? [];
  if (!Array.isArray(where) || where.length > 1) throw kvsError(400, 'QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  let prefix: string | undefined;
  const [clause] = where as { property?: unknown; condition?: unknown; values?: unknown }[];
  if (clause) {
    if (clause.property !== 'key') throw kvsError(400, 'QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
    if (clause.condition !== 'BEGINS_WITH') throw kvsError(400, 'INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
    if (!Array.isArray(clause.values) || clause.values.length !== 1 || typeof clause.values[0] !== 'string')
      throw kvsError(400, 'INVALID_FILTER_VALUES', 'The specified number of values are not supported by the given condition.');
    prefix = clause.values[0];
  }
  return { prefix, after: keyOfCursor(body.after), limit };
}

/** A cursor is the last key of a page, opaque to the app. */
export const cursorOf = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The key a cursor names; a cursor no query returned is refused, whichever API sent it. */
export function keyOfCursor(cursor: unknown): string | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: the cursor is not one a query returned.');
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
