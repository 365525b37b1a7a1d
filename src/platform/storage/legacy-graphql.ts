/**
 * The legacy storage API's GraphQL (`POST /forge/entities/graphql`, facts.md §11) on the same
 * store as `@forge/kvs`: Forge keeps an app's data when it moves from one API to the other. The
 * request is parsed, validated and executed by the graphql reference implementation.
 */
import { buildSchema, graphql, Kind, parse, type GraphQLSchema } from 'graphql';
import { Refusal } from '../http/refusal';
import { entityOperation, type EntityContext } from './entity-operations';
import { checkedKey, checkedValue, cursorOf, keyOfCursor, KVS_LIMITS, kvsError } from './kvs-rules';
import type { Space } from './kvs-store';
import { LEGACY_STORAGE_SDL } from './legacy-schema';

let schema: GraphQLSchema | undefined;

const spaceOf = (encrypted: unknown): Space => (encrypted === true ? 'secret' : 'data');

/** A refusal of the store as a mutation's `errors`, which `@forge/storage` throws as an APIError with the code. */
function payloadOf(work: () => void): { success: boolean; errors: unknown[] } {
  try {
    work();
    return { success: true, errors: [] };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const { code, message } = error.body as { code: string; message: string };
    return { success: false, errors: [{ message, extensions: { errorType: code, statusCode: error.status } }] };
  }
}

/** A custom entity item as the legacy API answers it; a missing one has a null value (the package reads `.value`). */
function customEntityOf(entityName: string, key: string, context: EntityContext) {
  try {
    const answer = entityOperation('get', { entityName, key }, context);
    return { key, entityName, value: answer.status === 200 ? (answer.body as { value: unknown }).value : null };
  } catch (error) {
    if (error instanceof Refusal && (error.body as { code?: string }).code === 'KEY_NOT_FOUND') return { key, entityName, value: null };
    throw error;
  }
}

/**
 * `appStoredCustomEntities`: the same query as @forge/kvs's `entity/query`, its page as a
 * connection. Only the last edge has a cursor, the page's (H: the package reads none of them).
 */
function customEntitiesOf(args: Record<string, unknown>, context: EntityContext) {
  const answer = entityOperation('query', Object.fromEntries(Object.entries(args).filter(([, v]) => v !== null && v !== undefined)), context);
  const { data, cursor } = (answer as { body: { data: { key: string; value: unknown }[]; cursor?: string } }).body;
  return {
    edges: data.map(({ key, value }, i) => ({ node: { key, value, entityName: args.entityName }, cursor: i === data.length - 1 ? (cursor ?? null) : null })),
    pageInfo: { hasNextPage: cursor !== undefined, hasPreviousPage: args.cursor !== undefined && args.cursor !== null },
    totalCount: data.length,
    cursor: cursor ?? null,
  };
}

function rootValue(context: EntityContext) {
  const { store, installation, profile } = context;
  return {
    appStoredCustomEntity: ({ key, entityName }: { key: string; entityName: string }) => customEntityOf(entityName, key, context),
    appStoredCustomEntities: (args: Record<string, unknown>) => customEntitiesOf(args, context),
    appStorageCustomEntity: () => ({
      setAppStoredCustomEntity: ({ input }: { input: { entityName: string; key: string; value: unknown } }) =>
        payloadOf(() => entityOperation('set', input, context)),
      deleteAppStoredCustomEntity: ({ input }: { input: { entityName: string; key: string } }) => payloadOf(() => entityOperation('delete', input, context)),
    }),
    appStoredEntity: ({ key, encrypted }: { key: string; encrypted: boolean }) => {
      const entry = store.get(installation, spaceOf(encrypted), checkedKey(key));
      // A missing key is a value of null: @forge/storage reads `appStoredEntity.value`.
      return { key, value: entry ? (JSON.parse(entry.value) as unknown) : null };
    },
    appStoredEntities: ({
      where,
      after,
      first,
    }: {
      where?: { field: string; condition: string; value: string }[] | null;
      after?: string | null;
      first?: number | null;
    }) => {
      const limit = first ?? profile.storage.defaultQueryLimit;
      if (limit < 1 || limit > KVS_LIMITS.queryLimit)
        throw kvsError(400, 'LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query should be below ${KVS_LIMITS.queryLimit}.`);
      if ((where ?? []).length > 1) throw kvsError(400, 'QUERY_WHERE_INVALID', 'Queries should contain only a single "where" clause.');
      const [clause] = where ?? [];
      if (clause && (clause.field !== 'key' || clause.condition !== 'STARTS_WITH'))
        throw kvsError(400, 'INVALID_FILTER_CONDITION', 'Only key STARTS_WITH is supported for filters.');
      const entries = store.query(installation, { prefix: clause?.value, after: keyOfCursor(after), limit });
      return { edges: entries.map((entry) => ({ node: { key: entry.key, value: JSON.parse(entry.value) as unknown }, cursor: cursorOf(entry.key) })) };
    },
    appStorage: () => ({
      setAppStoredEntity: ({ input }: { input: { key: string; value: unknown; encrypted?: boolean | null } }) =>
        payloadOf(() => store.set(installation, spaceOf(input.encrypted), checkedKey(input.key), checkedValue(input.value), null)),
      deleteAppStoredEntity: ({ input }: { input: { key: string; encrypted?: boolean | null } }) =>
        payloadOf(() => store.delete(installation, spaceOf(input.encrypted), checkedKey(input.key))),
    }),
  };
}

/** What the log keeps of a legacy request: the fields it asked for, its key, and the first error's code. */
export interface LegacyOutcome {
  answer: unknown;
  operation: string;
  key: string | undefined;
  code: string | undefined;
}

/** The fields a request selects at its root, and one level into `appStorage`: `appStorage.setAppStoredEntity`. */
export function fieldsOf(query: string): string {
  try {
    const names: string[] = [];
    for (const definition of parse(query).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const field of definition.selectionSet.selections) {
        if (field.kind !== Kind.FIELD) continue;
        const nested = field.name.value === 'appStorage' || field.name.value === 'appStorageCustomEntity';
        const inner = nested ? (field.selectionSet?.selections ?? []) : [];
        if (inner.length === 0) names.push(field.name.value);
        for (const sub of inner) if (sub.kind === Kind.FIELD) names.push(`${field.name.value}.${sub.name.value}`);
      }
    }
    return names.join(' ');
  } catch {
    return 'unparsable';
  }
}

const firstCode = (answer: { errors?: readonly { extensions?: { errorType?: string } }[]; data?: unknown }): string | undefined => {
  const top = answer.errors?.[0]?.extensions?.errorType;
  if (top) return top;
  type Payloads = Record<string, { errors?: { extensions?: { errorType?: string } }[] }>;
  const data = answer.data as { appStorage?: Payloads; appStorageCustomEntity?: Payloads } | null | undefined;
  return Object.values(data?.appStorage ?? data?.appStorageCustomEntity ?? {})[0]?.errors?.[0]?.extensions?.errorType;
};

/** Executes one GraphQL request of `@forge/storage` for an installation: GraphQL's own answer, errors and all, and what the log keeps. */
export async function legacyStorageRequest(
  body: Record<string, unknown>,
  context: EntityContext,
  /** The fields it asks for (`fieldsOf`), when the caller has read them already. */
  fields?: string,
): Promise<LegacyOutcome> {
  if (typeof body.query !== 'string')
    throw new Refusal(400, 'a GraphQL request needs a query', { code: 'BAD_REQUEST', message: 'a GraphQL request needs a query' });
  schema ??= buildSchema(LEGACY_STORAGE_SDL);
  const variables = (body.variables ?? null) as Record<string, unknown> | null;
  const result = await graphql({ schema, source: body.query, rootValue: rootValue(context), variableValues: variables });
  // A refusal thrown by a query's resolver is a GraphQL error with the store's code, as the package reads it.
  const answer = {
    ...result,
    ...(result.errors && {
      errors: result.errors.map((error) => {
        const refusal = error.originalError instanceof Refusal ? error.originalError : undefined;
        return {
          message: error.message,
          extensions: { errorType: (refusal?.body as { code?: string } | undefined)?.code ?? 'BAD_REQUEST', statusCode: refusal?.status ?? 400 },
        };
      }),
    }),
  };
  const key = (variables?.key ?? (variables?.input as { key?: unknown } | undefined)?.key) as unknown;
  return { answer, operation: fields ?? fieldsOf(body.query), key: typeof key === 'string' ? key : undefined, code: firstCode(answer) };
}
