import { Ajv, type ErrorObject } from 'ajv';
import type { Finding } from './findings';
import { schemaFindings } from './schema-findings';
import type { YamlFile } from './yaml-file';

export const CUSTOM_SCOPE_NAME = /^[-.:_a-zA-Z0-9]{1,93}:custom$/;
export const MAX_CUSTOM_SCOPES = 20;

/**
 * custom-scopes.yaml as the Forge CLI checks it before `forge deploy` (the schema in
 * @forge/cli 13.3.0, `out/custom-scopes/validation/schema.json`). The rules are restated here
 * rather than imported because @forge/cli brings 773 packages (313 MB) for this one file; the
 * docs-level variant below differs only where the CLI is stricter than the documentation.
 */
function schema({ cliStrict }: { cliStrict: boolean }) {
  const displayName = cliStrict ? { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-zA-Z0-9\\s:_\\-.]+$' } : { type: 'string' };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['version', 'scopes'],
    properties: {
      version: { type: 'number', enum: [1] },
      scopes: {
        type: 'object',
        minProperties: 1,
        // More than 20 is reported by the SCOPES-TOO-MANY rule, which counts route scopes too.
        additionalProperties: false,
        patternProperties: {
          [CUSTOM_SCOPE_NAME.source]: {
            type: 'object',
            additionalProperties: false,
            required: cliStrict ? ['description', 'displayName'] : ['description'],
            properties: {
              description: { type: 'string', minLength: 1, maxLength: 2048, pattern: '^\\S[\\s\\S]*\\S$|^\\S$' },
              displayName,
            },
          },
        },
      },
    },
  };
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
let validators: { cli: ReturnType<Ajv['compile']>; docs: ReturnType<Ajv['compile']> } | undefined;

export function validateCustomScopes(file: YamlFile, data: unknown): Finding[] {
  validators ??= { cli: ajv.compile(schema({ cliStrict: true })), docs: ajv.compile(schema({ cliStrict: false })) };
  const { cli, docs } = validators;
  if (cli(data)) return [];
  docs(data);
  const key = (e: ErrorObject) => `${e.instancePath}\0${e.keyword}`;
  const docsErrors = new Set((docs.errors ?? []).map(key));
  const cliOnly = (cli.errors ?? []).filter((e) => !docsErrors.has(key(e)));
  const both = (cli.errors ?? []).filter((e) => docsErrors.has(key(e)));
  const hint = 'See the custom scopes reference: version 1 and a scopes map.';
  return [
    ...schemaFindings('SCOPES-SCHEMA', file, both, hint),
    ...schemaFindings('SCOPES-CLI-STRICT', file, cliOnly, hint).map((f) => ({
      ...f,
      message: `${f.message} (the documentation allows this, but the Forge CLI rejects it at deploy)`,
    })),
  ];
}
