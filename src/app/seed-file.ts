/**
 * A seed file (`up --seed FILE`): the data an installation starts with, so a consumer building
 * against the app starts from known records. Keys, secrets, items of the app's custom entities,
 * and Forge SQL statements run in order (the app's tables made, rows inserted), each written or
 * run as the app's own would be.
 *
 * ```yaml
 * version: 1
 * keys:
 *   settings: { currency: EUR }
 * secrets:
 *   signing-secret: s3cr3t-value
 * entities:
 *   timesheet:
 *     ann-1: { employee: ann, week: 1, hours: 38 }
 * sql:
 *   - CREATE TABLE IF NOT EXISTS entries (id BIGINT PRIMARY KEY AUTO_INCREMENT, account VARCHAR(64))
 *   - INSERT INTO entries (account) VALUES ('cash')
 * ```
 */
import { isRecord } from '../common/is-record';
import { readConfigFile, type ConfigFileError } from './config-file';

export interface SeedItem {
  kind: 'key' | 'secret' | 'entity' | 'sql';
  entityName?: string;
  /** The key; for a statement, where it is in the file (`sql[0]`). */
  key: string;
  /** The value; for a statement, its text. */
  value: unknown;
  /** The error for this item, at its line, when the store refuses it. */
  fail(why: string): ConfigFileError;
}

export function loadSeedFile(path: string): SeedItem[] {
  const { data, fail } = readConfigFile(path, { missing: 'give the data to start with (version: 1, then keys:, secrets:, entities: or sql:)' });
  const unknown = Object.keys(data).filter((k) => !['version', 'keys', 'secrets', 'entities', 'sql'].includes(k));
  if (unknown.length) throw fail([unknown[0]!], 'is not a part of a seed file: it has keys, secrets, entities and sql');
  const mapping = (at: string[], what: string): Record<string, unknown> => {
    const value = at.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), data) ?? {};
    if (!isRecord(value)) throw fail(at, `must map ${what}`);
    return value;
  };
  const items: SeedItem[] = [];
  for (const [kind, section] of [
    ['key', 'keys'],
    ['secret', 'secrets'],
  ] as const)
    for (const [key, value] of Object.entries(mapping([section], 'each key to its value')))
      items.push({ kind, key, value, fail: (why) => fail([section, key], why) });
  for (const entityName of Object.keys(mapping(['entities'], 'each custom entity to its items')))
    for (const [key, value] of Object.entries(mapping(['entities', entityName], 'each key to its item')))
      items.push({ kind: 'entity', entityName, key, value, fail: (why) => fail(['entities', entityName, key], why) });
  const statements = data.sql ?? [];
  if (!Array.isArray(statements)) throw fail(['sql'], 'must list statements, each a string');
  statements.forEach((statement, index) => {
    if (typeof statement !== 'string' || statement.trim() === '') throw fail(['sql', index], 'must be a statement, as text');
    items.push({ kind: 'sql', key: `sql[${index}]`, value: statement, fail: (why) => fail(['sql', index], why) });
  });
  return items;
}
