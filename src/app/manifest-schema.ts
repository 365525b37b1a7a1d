import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isRecord } from './forge-app';
import { manifestSchemaPath } from './forge-packages';
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
 * faster. Compiled validators are kept per set of sections used.
 */
export function validateManifestSchema(file: YamlFile, data: Record<string, unknown>): Finding[] {
  const validate = validatorFor(data);
  validate(data);
  return schemaFindings('MANIFEST-SCHEMA', file, validate.errors, 'See the Forge manifest reference for this section.');
}

function validatorFor(data: Record<string, unknown>): ValidateFunction {
  const sections = Object.keys(data).sort();
  const moduleTypes = Object.keys(isRecord(data.modules) ? data.modules : {}).sort();
  const cacheKey = `${sections.join(',')}|${moduleTypes.join(',')}`;
  let validate = compiled.get(cacheKey);
  if (!validate) {
    validate = compile(prune(loadSchema(), new Set(sections), new Set(moduleTypes)));
    compiled.set(cacheKey, validate);
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

function compile(schema: JsonSchema): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addVocabulary(['defaultValue', 'fieldDescription', 'fieldTitle', 'shortClassName']);
  return ajv.compile(schema);
}

