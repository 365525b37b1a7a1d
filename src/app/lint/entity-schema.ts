import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';

/** Forge's counts for custom entities (facts.md §11). */
export const ENTITY_LIMITS = { entities: 20, indexes: 7, attributes: 50 } as const;

/**
 * Custom entities the store could not serve as written: an index over an attribute the entity
 * does not declare (every query on it would fail), or more entities, indexes or attributes than
 * Forge allows. Each at its line in manifest.yml.
 */
export function entitySchema(app: ForgeApp): Finding[] {
  const findings: Finding[] = [];
  const at = (path: (string | number)[]) => app.manifestFile.positionOf(path);
  const error = (path: (string | number)[], message: string, hint: string) =>
    findings.push(finding('ENTITY-SCHEMA', { file: 'manifest.yml', at: at(path), message, hint }));
  if (app.entities.length > ENTITY_LIMITS.entities)
    error(
      ['app', 'storage', 'entities'],
      `${app.entities.length} custom entities, more than the ${ENTITY_LIMITS.entities} Forge allows`,
      'Merge entities, or keep some data as plain keys.',
    );
  app.entities.forEach((entity, e) => {
    const where = ['app', 'storage', 'entities', e];
    if (Object.keys(entity.attributes).length > ENTITY_LIMITS.attributes)
      error(
        [...where, 'attributes'],
        `${entity.name} has ${Object.keys(entity.attributes).length} attributes, more than the ${ENTITY_LIMITS.attributes} Forge allows`,
        'Keep fewer attributes, or nest some under one of type any.',
      );
    if (entity.indexes.length > ENTITY_LIMITS.indexes)
      error(
        [...where, 'indexes'],
        `${entity.name} has ${entity.indexes.length} indexes, more than the ${ENTITY_LIMITS.indexes} Forge allows`,
        'Drop the indexes no query uses.',
      );
    entity.indexes.forEach((index, i) => {
      const missing = [index.range, ...index.partition].filter((attribute) => !(attribute in entity.attributes));
      if (missing.length)
        error(
          [...where, 'indexes', i],
          `index ${index.name} of ${entity.name} names ${missing.join(', ')}, which ${entity.name} does not declare under attributes`,
          `Declare ${missing.join(', ')} under attributes, or index an attribute ${entity.name} has.`,
        );
    });
  });
  return findings;
}
