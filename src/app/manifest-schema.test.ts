import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { brokenApps, SAMPLE_APP } from '../../fixtures/apps';
import { manifestSchemaPath } from './forge-manifest-package';
import { manifestSchemaErrors } from './manifest-schema';

/**
 * The pruned compile must give the verdict the whole @forge/manifest schema gives. This compiles
 * the full schema once (a few seconds) and compares on every bundled manifest.
 */
test('pruning unused sections never changes the verdict of the full schema', async () => {
  test.setTimeout(60_000);
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addVocabulary(['defaultValue', 'fieldDescription', 'fieldTitle', 'shortClassName']);
  const full = ajv.compile(JSON.parse(readFileSync(manifestSchemaPath, 'utf8')));

  const dirs = [SAMPLE_APP, ...brokenApps().map((a) => a.dir)];
  let compared = 0;
  for (const dir of dirs) {
    const text = readFileSync(`${dir}/manifest.yml`, 'utf8');
    let data: Record<string, unknown>;
    try {
      data = parse(text);
    } catch {
      continue; // the YAML syntax fixture has nothing to validate
    }
    const describe = (errors: { instancePath: string; schemaPath: string; keyword: string }[]) =>
      errors.map((e) => `${e.instancePath} ${e.schemaPath} ${e.keyword}`).sort();
    full(data);
    expect(describe(manifestSchemaErrors(data)), dir).toEqual(describe(full.errors ?? []));
    compared += 1;
  }
  expect(compared).toBeGreaterThan(10);
});
