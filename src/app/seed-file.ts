/**
 * A seed file (`up --seed FILE`): the data an installation starts with, so a consumer building
 * against the app starts from known records. Keys, secrets, and items of the app's custom
 * entities, each written as the app would write it.
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
 * ```
 */
import { isRecord } from '../common/is-record';
import { readConfigFile, type ConfigFileError } from './config-file';

export interface SeedItem {
  kind: 'key' | 'secret' | 'entity';
  entityName?: string;
  key: string;
  value: unknown;
  /** The error for this item, at its line, when the store refuses it. */
  fail(why: string): ConfigFileError;
}

export function loadSeedFile(path: string): SeedItem[] {
  const { data, fail } = readConfigFile(path, { missing: 'give the data to start with (version: 1, then keys:, secrets: or entities:)' });
  const unknown = Object.keys(data).filter((k) => !['version', 'keys', 'secrets', 'entities'].includes(k));
  if (unknown.length) throw fail([unknown[0]!], 'is not a part of a seed file: it has keys, secrets and entities');
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
  return items;
}
