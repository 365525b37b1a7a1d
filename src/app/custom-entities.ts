/** The manifest's custom entities (`app.storage.entities`): each entity's attributes and indexes. */
import { isRecord } from '../common/is-record';

export const ATTRIBUTE_TYPES = ['string', 'boolean', 'float', 'integer', 'any'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** An index: the attribute it orders by (`range`), and those a query must give values for (`partition`). */
export interface EntityIndex {
  name: string;
  range: string;
  partition: string[];
}

export interface CustomEntity {
  name: string;
  attributes: Record<string, AttributeType>;
  indexes: EntityIndex[];
}

/**
 * The entities well-formed enough to serve; the schema reports the others. An index written as
 * a name is an index of that attribute (facts.md §11).
 */
export function customEntities(data: Record<string, unknown>): CustomEntity[] {
  const app = isRecord(data.app) ? data.app : {};
  const storage = isRecord(app.storage) ? app.storage : {};
  const list = Array.isArray(storage.entities) ? storage.entities : [];
  return list.flatMap((raw): CustomEntity[] => {
    if (!isRecord(raw) || typeof raw.name !== 'string' || !isRecord(raw.attributes)) return [];
    const attributes: Record<string, AttributeType> = {};
    for (const [name, spec] of Object.entries(raw.attributes))
      if (isRecord(spec) && ATTRIBUTE_TYPES.includes(spec.type as AttributeType)) attributes[name] = spec.type as AttributeType;
    const indexes = (Array.isArray(raw.indexes) ? raw.indexes : []).flatMap((index): EntityIndex[] => {
      if (typeof index === 'string') return [{ name: index, range: index, partition: [] }];
      if (!isRecord(index) || typeof index.name !== 'string' || !Array.isArray(index.range) || typeof index.range[0] !== 'string') return [];
      const partition = Array.isArray(index.partition) ? index.partition.filter((p): p is string => typeof p === 'string') : [];
      return [{ name: index.name, range: index.range[0], partition }];
    });
    return [{ name: raw.name, attributes, indexes }];
  });
}
