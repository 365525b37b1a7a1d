/**
 * The Key-Value Store's operations on many items at once, as `@forge/kvs` sends them: batches
 * (`batch/set|get|delete`) and transactions, over keys and custom entities' items alike.
 */
import { Refusal } from '../http/refusal';
import { conditionsHold, entityOperation, entitySpace, type EntityContext } from './entity-operations';
import { checkedEntityValue, declaredEntity } from './entity-rules';
import { kvsOperation, type KvsAnswer } from './kvs-operations';
import { checkedKey, checkedValue, expiryOf, KVS_LIMITS, kvsError } from './kvs-rules';
import type { Space } from './kvs-store';

/**
 * `batch/set|get|delete` as `@forge/kvs` sends them: a list of items (keys, or items of a custom
 * entity with `entityName`), each answered on its own, the failures in `failedKeys` with the code
 * a single call would have had (facts.md §11).
 */
export function kvsBatch(operation: string, items: unknown, context: EntityContext): KvsAnswer {
  if (!['set', 'get', 'delete'].includes(operation)) throw kvsError(404, 'NOT_FOUND', `the Key-Value Store has no operation batch/${operation}`);
  if (!Array.isArray(items)) throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: a batch is a list of items.');
  const successfulKeys: unknown[] = [];
  const failedKeys: unknown[] = [];
  for (const item of items as Record<string, unknown>[]) {
    const named = { key: item?.key, ...(item?.entityName !== undefined && { entityName: item.entityName }) };
    try {
      const answer = item?.entityName !== undefined ? entityOperation(operation, item, context) : kvsOperation(operation, 'data', item ?? {}, context);
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
 * none. At most 25 operations and 4 MB. An operation on a custom entity's item may carry
 * `conditions` on its stored value, and a check is only conditions: when one does not hold, the
 * transaction is refused whole (profile `storage.conditionFailed`; facts.md §11).
 */
export function kvsTransaction(body: Record<string, unknown>, context: EntityContext): KvsAnswer {
  const { store, installation, now, profile } = context;
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
  const spaceOf = (op: Record<string, unknown>): Space => {
    if (op.entityName === undefined) {
      if (op.conditions !== undefined) throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: conditions belong to items of a custom entity.');
      return 'data';
    }
    return entitySpace(declaredEntity(op.entityName, context.entities, profile));
  };
  // Every operation is checked before any is applied, and applied in one database transaction.
  const writes = sets.map((op) => {
    const space = spaceOf(op);
    const value = checkedValue(op.value);
    if (op.entityName !== undefined) checkedEntityValue(declaredEntity(op.entityName, context.entities, profile), op.value);
    return { op, space, key: checkedKey(op.key), value, expireAt: expiryOf((op.options as { ttl?: unknown } | undefined)?.ttl, now) };
  });
  const removals = deletes.map((op) => ({ op, space: spaceOf(op), key: checkedKey(op.key) }));
  for (const check of checks) {
    spaceOf(check);
    if (check.conditions === undefined) throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: a check needs conditions.');
  }
  store.atomically(() => {
    const failed = [...writes, ...removals]
      .map(({ op }) => op)
      .concat(checks)
      .find((op) => !conditionsHold(op, context));
    if (failed) {
      const { status, code } = profile.storage.conditionFailed;
      throw kvsError(status, code, `The conditions on ${String(failed.entityName)} ${String(failed.key)} do not hold: nothing was written.`);
    }
    for (const write of writes) store.set(installation, write.space, write.key, write.value, write.expireAt);
    for (const removal of removals) store.delete(installation, removal.space, removal.key);
  });
  return { status: 204 };
}
