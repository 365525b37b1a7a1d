import { HARNESS_ROOT } from '../common/harness-root';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { isRecord } from '../common/is-record';
import { manifestSchemaPath } from './forge-manifest-package';
import type { Finding } from './findings';
import { schemaFindings } from './schema-findings';
import type { YamlFile } from './yaml-file';

type JsonSchema = { properties: Record<string, unknown>; definitions: Record<string, { properties?: Record<string, unknown> }> };

let fullSchema: JsonSchema | undefined;
const compiled = new Map<string, ValidateFunction>();

/**
 * Validates manifest.yml against the JSON schema shipped in @forge/manifest, with the same ajv
 * options Forge's own SchemaValidator uses.
 *
 * Compiling the whole 2.3 MB schema takes about 3.5 s. A property that is absent from the
 * manifest is never evaluated, so every top-level section and module type the manifest does
 * not use is replaced by `true` before compiling: the verdict is identical, the compile ~10×
 * faster. Compiled validators are kept in memory, and on disk as ajv standalone code, per
 * schema file and set of sections used, so the next lint of the same app skips the compile.
 */
export function validateManifestSchema(file: YamlFile, data: Record<string, unknown>): Finding[] {
  return schemaFindings('MANIFEST-SCHEMA', file, manifestSchemaErrors(data), 'See the Forge manifest reference for this section.');
}

/** ajv's raw errors for the manifest data, or an empty list. */
export function manifestSchemaErrors(data: Record<string, unknown>): ErrorObject[] {
  const validate = validatorFor(data);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

function validatorFor(data: Record<string, unknown>): ValidateFunction {
  const sections = Object.keys(data).sort();
  const moduleTypes = Object.keys(isRecord(data.modules) ? data.modules : {}).sort();
  const cacheKey = `${sections.join(',')}|${moduleTypes.join(',')}`;
  let validate = compiled.get(cacheKey);
  if (!validate) {
    validate = fromDiskCache(cacheKey, () => prune(loadSchema(), new Set(sections), new Set(moduleTypes)));
    compiled.set(cacheKey, validate);
  }
  return validate;
}

const CACHE_DIR = join(HARNESS_ROOT, 'node_modules/.cache/forge-conformance');
const requireFromCache = createRequire(join(CACHE_DIR, 'index.cjs'));

/** Loads the standalone validator for `cacheKey`, compiling and storing it when absent. */
function fromDiskCache(cacheKey: string, schema: () => JsonSchema): ValidateFunction {
  const schemaFile = readFileSync(manifestSchemaPath);
  const digest = createHash('sha256').update(schemaFile).update(cacheKey).digest('hex').slice(0, 24);
  const file = join(CACHE_DIR, `manifest-schema-${digest}.cjs`);
  try {
    return requireFromCache(file) as ValidateFunction;
  } catch {
    // Not cached yet (or unreadable): compile, and store when the folder is writable.
  }
  const { ajv, validate } = compile(schema());
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, standaloneCode(ajv, validate));
    renameSync(temporary, file);
  } catch {
    // A read-only install still lints, only slower.
  }
  return validate;
}

function loadSchema(): JsonSchema {
  fullSchema ??= JSON.parse(readFileSync(manifestSchemaPath, 'utf8')) as JsonSchema;
  return fullSchema;
}

function prune(schema: JsonSchema, sections: Set<string>, moduleTypes: Set<string>): JsonSchema {
  const keepOnly = (properties: Record<string, unknown> = {}, used: Set<string>) =>
    Object.fromEntries(Object.entries(properties).map(([name, sub]) => [name, used.has(name) ? sub : true]));
  const modules = schema.definitions.ModuleSchema!;
  return {
    ...schema,
    properties: keepOnly(schema.properties, sections),
    definitions: { ...schema.definitions, ModuleSchema: { ...modules, properties: keepOnly(modules.properties, moduleTypes) } },
  };
}

function compile(schema: JsonSchema): { ajv: Ajv; validate: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true } });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addVocabulary(['defaultValue', 'fieldDescription', 'fieldTitle', 'shortClassName']);
  return { ajv, validate: ajv.compile(schema) };
}
