import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from '../common/harness-root';
import { conformanceFieldsTable, withFieldsTable } from './conformance-fields-table';

test('docs/partners.md lists exactly the fields the schemas of conformance.yaml and its waivers hold (npm run docs writes them)', () => {
  const page = readFileSync(join(HARNESS_ROOT, 'docs/partners.md'), 'utf8');
  expect(withFieldsTable(page), 'the table differs from the schemas: run npm run docs').toBe(page);
  // The table is the schemas': the assertions a step can make are all there, each once.
  const table = conformanceFieldsTable();
  for (const field of ['status', 'headers', 'headersMatch', 'body', 'bodyEquals', 'jsonpath']) expect(table).toContain(`| \`expect\` | \`${field}\` |`);
  expect(table.split('\n').filter((row) => row.startsWith('| `expect` |'))).toHaveLength(6);
});
