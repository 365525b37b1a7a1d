/**
 * The table of every field of conformance.yaml and conformance.waivers.yaml, written from their
 * schemas (conformance-schema.ts) into docs/partners.md between two markers, so the page can
 * never list a field the loader refuses or miss one it reads. `npm run docs` rewrites it; a test
 * fails when the page and the schemas differ.
 */
import { DOCUMENTED_MAPPINGS } from './conformance-schema';

export const FIELDS_START = '<!-- the fields, written from src/app/conformance-schema.ts by `npm run docs` -->';
export const FIELDS_END = '<!-- end of the fields -->';

export function conformanceFieldsTable(): string {
  const listed = new Set<unknown>();
  const rows = DOCUMENTED_MAPPINGS.flatMap(([where, { properties }]) =>
    Object.entries(properties as Record<string, { description?: string }>).flatMap(([name, field]) => {
      if (!field.description || listed.has(field)) return [];
      listed.add(field);
      return [`| ${where} | \`${name}\` | ${field.description} |`];
    }),
  );
  return ['| in | field | what it says |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The page with its table of fields replaced by the schemas' (the markers kept). */
export function withFieldsTable(page: string): string {
  const start = page.indexOf(FIELDS_START);
  const end = page.indexOf(FIELDS_END);
  if (start === -1 || end < start) throw new Error(`the page has no ${FIELDS_START} … ${FIELDS_END} markers`);
  return `${page.slice(0, start + FIELDS_START.length)}\n\n${conformanceFieldsTable()}\n\n${page.slice(end)}`;
}
