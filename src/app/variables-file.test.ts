import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadVariables, VARIABLE_LIMITS } from './variables-file';

/** An app folder holding only a forge-variables.yaml with this text. */
function appWith(text: string | undefined): string {
  const dir = test.info().outputPath('app');
  mkdirSync(dir, { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, 'forge-variables.yaml'), text);
  return dir;
}
const none = { environment: {} };

test('plain and encrypted variables, as forge variables set [--encrypt] makes them; scalars become strings', () => {
  const dir = appWith('version: 1\nvariables:\n  GREETING: Hello\n  RETRIES: 3\n  API_KEY:\n    value: s3cret\n    encrypt: true\n');
  expect(loadVariables(dir, none)).toEqual([
    { name: 'GREETING', value: 'Hello', encrypted: false },
    { name: 'RETRIES', value: '3', encrypted: false },
    { name: 'API_KEY', value: 's3cret', encrypted: true },
  ]);
});

test("no file is no variables; FORGE_USER_VAR_<NAME> from the environment is NAME, over the file's, and kept as a secret", () => {
  expect(loadVariables(appWith(undefined), none)).toEqual([]);
  const dir = appWith('version: 1\nvariables:\n  GREETING: Hello\n');
  expect(loadVariables(dir, { environment: { FORGE_USER_VAR_GREETING: 'Hi', FORGE_USER_VAR_TOKEN: 't', PATH: '/bin' } })).toEqual([
    { name: 'GREETING', value: 'Hi', encrypted: true },
    { name: 'TOKEN', value: 't', encrypted: true },
  ]);
});

test('every limit of Forge and every mistake is one sentence at its line', () => {
  const error = (text: string, options: Parameters<typeof loadVariables>[1] = none) => {
    try {
      loadVariables(appWith(text), options);
    } catch (thrown) {
      return (thrown as Error).message;
    }
    throw new Error('no error');
  };
  const big = 'x'.repeat(VARIABLE_LIMITS.valueBytes + 1);
  expect(error(`version: 1\nvariables:\n  OK: fine\n  BIG: ${big}\n`)).toBe(
    `forge-variables.yaml:4: variables.BIG is 3073 bytes long; Forge allows 3072 (3 KB) a value.`,
  );
  // A multi-byte value is measured in bytes, before any encryption.
  expect(error(`version: 1\nvariables:\n  WIDE: ${'é'.repeat(1537)}\n`)).toContain('variables.WIDE is 3074 bytes long');
  expect(error(`version: 1\nvariables:\n  ${'K'.repeat(129)}: v\n`)).toMatch(
    /^forge-variables\.yaml:3: variables\.K+ cannot be a variable name: it must be 1 to 128 characters long/,
  );
  expect(error('version: 1\nvariables:\n  "A=B": v\n')).toMatch(/^forge-variables\.yaml:3: variables\.A=B cannot be a variable name: it cannot hold "="/);
  expect(error('version: 1\nvariables:\n  LIST: [1, 2]\n')).toBe(
    'forge-variables.yaml:3: variables.LIST must be a value, or { value, encrypt: true } for a secret.',
  );
  expect(error('version: 1\nvariables:\n  S:\n    value: x\n    encrypt: yes please\n')).toBe(
    'forge-variables.yaml:5: variables.S.encrypt must be true or false.',
  );
  expect(error('version: 2\n')).toBe('forge-variables.yaml:1: version must be 1.');
  const plain = Array.from({ length: 51 }, (_, i) => `  P${i}: v\n`).join('');
  expect(error(`version: 1\nvariables:\n${plain}`)).toMatch(/forge-variables\.yaml: 51 plain variables; Forge allows 50 in an environment$/);
  const secrets = Array.from({ length: 11 }, (_, i) => `  S${i}: { value: v, encrypt: true }\n`).join('');
  expect(error(`version: 1\nvariables:\n${secrets}`)).toMatch(/11 encrypted variables; Forge allows 10 in an environment$/);
  expect(error('version: 1\n', { environment: { FORGE_USER_VAR_BIG: big } })).toBe(
    'FORGE_USER_VAR_BIG (from the environment) is 3073 bytes long; Forge allows 3072 (3 KB) a value',
  );
  // Exactly at the limits is allowed.
  expect(
    loadVariables(appWith(`version: 1\nvariables:\n  ${'K'.repeat(128)}: ${'x'.repeat(3072)}\n${plain.split('\n').slice(0, 49).join('\n')}\n`), none),
  ).toHaveLength(50);
});

test('a variables file that is named must exist', () => {
  expect(() => loadVariables(appWith(undefined), { file: '/nowhere/vars.yaml', environment: {} })).toThrow(
    /^\/nowhere\/vars\.yaml: does not exist: give the app environment's variables/,
  );
});
