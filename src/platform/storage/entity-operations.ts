/**
 * The Custom Entity Store's operations as `@forge/kvs` sends them (`POST /api/v1/entity/get|set|
 * delete|query`, read from its `out/storage-api.js` and `out/entity-query.js`), on one
 * installation's items of the entities the manifest declares (facts.md §11).
 */
import { isDeepStrictEqual } from 'node:util';
import type { CustomEntity } from '../../app/custom-entities';
import { checkedEntityValue, conditionOf, declaredEntity, declaredIndex, filtersOf, type Condition } from './entity-rules';
import { asResult, kvsOperation, type KvsAnswer, type StoreContext } from './kvs-operations';
import { checkedKey, checkedValue, kvsError } from './kvs-rules';
import type { Space, StoredEntry } from './kvs-store';

export interface EntityContext extends StoreContext {
  entities: readonly CustomEntity[];
}

/** Where an entity's items are kept: a space of their own beside the app's keys and secrets. */
export const entitySpace = (entity: CustomEntity): Space => `entity:${entity.name}`;

const QUERY_LIMIT = 100;

/** A query's cursor: the sort value and key of the last item of its page, opaque to the app. */
const cursorOf = (sortValue: unknown, key: string) => Buffer.from(JSON.stringify([sortValue, key]), 'utf8').toString('base64url');
function positionOf(cursor: unknown): [unknown, string] | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  try {
    const position = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(position) && position.length === 2 && typeof position[1] === 'string') return position as [unknown, string];
  } catch {
    // Refused below.
  }
  throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: the cursor is not one a query returned.');
}

const compare = (a: unknown, b: unknown): number => {
  if (typeof a === typeof b && (typeof a === 'number' || typeof a === 'string')) return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  return String(typeof a).localeCompare(typeof b);
};

/** `entity/query`: one index, its partition, a range condition on its attribute, filters, sort, limit and cursor. */
function entityQuery(body: Record<string, unknown>, entity: CustomEntity, context: EntityContext): KvsAnswer {
  const { index, partition } = declaredIndex(entity, body.indexName, body.partition, context.profile);
  const limit = body.limit ?? context.profile.storage.defaultQueryLimit;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > QUERY_LIMIT)
    throw kvsError(400, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${QUERY_LIMIT}.`);
  const inRange = body.range === undefined ? () => true : conditionOf(body.range as Condition, { range: true });
  const filtered = filtersOf(body.filters, entity);
  const descending = body.sort === 'DESC';
  if (body.sort !== undefined && body.sort !== 'ASC' && body.sort !== 'DESC')
    throw kvsError(400, 'BAD_REQUEST', 'Provided request body is invalid: sort is ASC or DESC.');
  const after = positionOf(body.cursor);
  // An item is in an index when it has the index's attributes (facts.md §11).
  const items = context.store
    .all(context.installation, entitySpace(entity))
    .map((entry) => ({ entry, value: JSON.parse(entry.value) as Record<string, unknown> }))
    .filter(({ value }) => value[index.range] !== undefined && index.partition.every((attribute, i) => isDeepStrictEqual(value[attribute], partition[i])))
    .filter(({ value }) => inRange(value[index.range]) && filtered(value))
    .sort((a, b) => (descending ? -1 : 1) * (compare(a.value[index.range], b.value[index.range]) || a.entry.key.localeCompare(b.entry.key)));
  const start = after
    ? items.findIndex(({ entry, value }) => (descending ? -1 : 1) * (compare(value[index.range], after[0]) || entry.key.localeCompare(after[1])) > 0)
    : 0;
  const rest = start < 0 ? [] : items.slice(start);
  const page = rest.slice(0, limit as number);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      data: page.map(({ entry }) => asResult(entry)),
      ...(rest.length > page.length && last && { cursor: cursorOf(last.value[index.range], last.entry.key) }),
    },
  };
}

/** `entity/get|set|delete|query` for the entity the body names. */
export function entityOperation(operation: string, body: Record<string, unknown>, context: EntityContext): KvsAnswer {
  const entity = declaredEntity(body.entityName, context.entities, context.profile);
  if (operation === 'query') return entityQuery(body, entity, context);
  if (operation === 'set') {
    checkedKey(body.key);
    checkedValue(body.value);
    checkedEntityValue(entity, body.value);
  }
  if (!['get', 'set', 'delete'].includes(operation)) throw kvsError(404, 'NOT_FOUND', `the Custom Entity Store has no operation entity/${operation}`);
  // The same operation as on a key, in the entity's own space.
  return kvsOperation(operation, entitySpace(entity), body, context);
}

/** The item a transaction's operation names, checked against its `conditions` on the stored value. */
export function conditionsHold(op: Record<string, unknown>, context: EntityContext): boolean {
  if (op.conditions === undefined) return true;
  const entity = declaredEntity(op.entityName, context.entities, context.profile);
  const stored: StoredEntry | undefined = context.store.get(context.installation, entitySpace(entity), checkedKey(op.key));
  return filtersOf(op.conditions, entity)(stored && (JSON.parse(stored.value) as Record<string, unknown>));
}
