/**
 * What the Custom Entity Store accepts (facts.md §11), each refusal with the code Forge documents
 * (*Error handling for the Custom Entity Store*): entity names, values against the manifest's
 * attributes, and the conditions of a query's range, its filters and a transaction's checks.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CustomEntity, EntityIndex } from '../../app/custom-entities';
import type { PlatformProfile } from '../profile';
import { kvsError } from './kvs-rules';

const ENTITY_NAME = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;

/** The declared entity a call names; its name is checked as Forge checks it first. */
export function declaredEntity(name: unknown, entities: readonly CustomEntity[], profile: PlatformProfile): CustomEntity {
  if (typeof name !== 'string' || name.length < 3) throw kvsError(400, 'ENTITY_TYPE_TOO_SHORT', 'The provided entity name needs to be at least 3 characters.');
  if (name.length > 60) throw kvsError(400, 'ENTITY_TYPE_TOO_LARGE', 'The provided entity name has exceeded the maximum 60 characters.');
  if (!ENTITY_NAME.test(name)) throw kvsError(400, 'INVALID_ENTITY_TYPE', `The provided entity name does not match the regex: ${ENTITY_NAME}`);
  const entity = entities.find((e) => e.name === name);
  if (!entity) {
    const { status, code } = profile.storage.undeclaredEntity;
    throw kvsError(status, code, `The entity ${name} is not declared in the manifest's app.storage.entities.`);
  }
  return entity;
}

/** The declared index a query names, and the partition values it needs. */
export function declaredIndex(entity: CustomEntity, name: unknown, partition: unknown, profile: PlatformProfile): { index: EntityIndex; partition: unknown[] } {
  const index = entity.indexes.find((i) => i.name === name);
  if (!index) {
    const { status, code } = profile.storage.undeclaredIndex;
    throw kvsError(status, code, `The entity ${entity.name} has no index ${String(name)} in the manifest.`);
  }
  const values = partition ?? [];
  if (!Array.isArray(values) || values.length !== index.partition.length)
    throw kvsError(
      400,
      'BAD_REQUEST',
      `The index ${index.name} is partitioned by ${index.partition.join(', ') || 'nothing'}: give one partition value for each.`,
    );
  return { index, partition: values };
}

const TYPE_CHECKS = {
  string: (v: unknown) => typeof v === 'string',
  boolean: (v: unknown) => typeof v === 'boolean',
  float: (v: unknown) => typeof v === 'number' && Number.isFinite(v),
  integer: (v: unknown) => Number.isInteger(v),
  any: () => true,
} as const;

/** An entity's value: an object whose attributes are the declared ones, each of its declared type. */
export function checkedEntityValue(entity: CustomEntity, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw kvsError(400, 'INVALID_ENTITY_VALUE', `A value of ${entity.name} is an object of its attributes.`);
  for (const [attribute, item] of Object.entries(value)) {
    const type = entity.attributes[attribute];
    if (!type) throw kvsError(400, 'INVALID_ENTITY_VALUE', `${entity.name} has no attribute ${attribute} in the manifest.`);
    if (!TYPE_CHECKS[type](item)) throw kvsError(400, 'INVALID_ENTITY_VALUE', `${entity.name}.${attribute} must be of type ${type}.`);
  }
  return value as Record<string, unknown>;
}

/** One condition as the package sends it: `{condition, values}` (with `property` in a filter). */
export interface Condition {
  property?: unknown;
  condition?: unknown;
  values?: unknown;
}

const RANGE_CONDITIONS = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'];
const FILTER_CONDITIONS = [...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'];

const ordered = (a: unknown, b: unknown): number | undefined =>
  typeof a === typeof b && (typeof a === 'number' || typeof a === 'string') ? (a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0) : undefined;

/** Whether an attribute's value meets a condition. */
function meets(value: unknown, condition: string, values: unknown[]): boolean {
  const [first, second] = values;
  const order = ordered(value, first);
  switch (condition) {
    case 'EXISTS':
      return value !== undefined;
    case 'NOT_EXISTS':
      return value === undefined;
    case 'EQUAL_TO':
      return isDeepStrictEqual(value, first);
    case 'NOT_EQUAL_TO':
      return !isDeepStrictEqual(value, first);
    case 'BEGINS_WITH':
      return typeof value === 'string' && typeof first === 'string' && value.startsWith(first);
    case 'CONTAINS':
    case 'NOT_CONTAINS': {
      const has =
        typeof value === 'string' ? typeof first === 'string' && value.includes(first) : Array.isArray(value) && value.some((v) => isDeepStrictEqual(v, first));
      return condition === 'CONTAINS' ? has : value !== undefined && !has;
    }
    case 'BETWEEN':
      return order !== undefined && order >= 0 && (ordered(value, second) ?? 1) <= 0;
    case 'GREATER_THAN':
      return order !== undefined && order > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return order !== undefined && order >= 0;
    case 'LESS_THAN':
      return order !== undefined && order < 0;
    case 'LESS_THAN_EQUAL_TO':
      return order !== undefined && order <= 0;
  }
  return false;
}

/** A condition checked once, as a predicate on an attribute's value. */
export function conditionOf(raw: Condition, { range }: { range: boolean }): (value: unknown) => boolean {
  const allowed = range ? RANGE_CONDITIONS : FILTER_CONDITIONS;
  if (typeof raw.condition !== 'string' || !allowed.includes(raw.condition))
    throw kvsError(400, 'INVALID_FILTER_CONDITION', `The condition ${String(raw.condition)} is not supported ${range ? 'on an index range' : 'for filters'}.`);
  const values = raw.values;
  if (!Array.isArray(values) || values.length === 0)
    throw kvsError(400, 'INVALID_FILTER_VALUES', 'The specified number of values are not supported by the given condition.');
  if (raw.condition === 'BETWEEN' && values.length < 2) throw kvsError(400, 'INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values.');
  const condition = raw.condition;
  return (value) => meets(value, condition, values);
}

/** `{and: [...]}` or `{or: [...]}` of filters on attributes, as one predicate on an entity's value. */
export function filtersOf(raw: unknown, entity: CustomEntity): (value: Record<string, unknown> | undefined) => boolean {
  if (raw === undefined || raw === null) return () => true;
  const { and, or } = raw as { and?: unknown; or?: unknown };
  if (and !== undefined && or !== undefined)
    throw kvsError(400, 'INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.');
  const list = and ?? or;
  if (!Array.isArray(list) || list.length === 0) throw kvsError(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  const predicates = (list as Condition[]).map((filter) => {
    if (typeof filter.property !== 'string' || !(filter.property in entity.attributes))
      throw kvsError(400, 'INVALID_ENTITY_ATTRIBUTE', `${entity.name} has no attribute ${String(filter.property)} to filter on.`);
    const property = filter.property;
    const test = conditionOf(filter, { range: false });
    return (value: Record<string, unknown> | undefined) => test(value?.[property]);
  });
  return and !== undefined ? (value) => predicates.every((p) => p(value)) : (value) => predicates.some((p) => p(value));
}
