import type { ForgeApp } from '../forge-app';
import { sortFindings, type Finding } from '../findings';
import { acceptMissing } from './accept-missing';
import { conformanceFiles } from './conformance-files';
import { duplicateModuleKey } from './duplicate-module-key';
import { duplicateRoute } from './duplicate-route';
import { egressAnyHost } from './egress-any-host';
import { egressEntries } from './egress-entries';
import { entitySchema } from './entity-schema';
import { handlerExports } from './handler-exports';
import { handlerImports } from './handler-imports';
import { noApiRoute } from './no-api-route';
import type { HarnessNames, LintRule } from './rule';
import { schemas } from './schemas';
import { scopeCount } from './scope-count';
import { scopeNaming } from './scope-naming';
import { sqlModule } from './sql-module';
import { storageScope } from './storage-scope';
import { undeclaredScope } from './undeclared-scope';
import { unknownFunction } from './unknown-function';
import { unusedScope } from './unused-scope';
import { writeRouteReadScopes } from './write-route-read-scopes';
import { yamlSyntax } from './yaml-syntax';

/** The rules after the platform's own schemas; adding a rule is adding a file and a line. */
const RULES: readonly LintRule[] = [
  schemas,
  unknownFunction,
  handlerExports,
  handlerImports,
  storageScope,
  sqlModule,
  entitySchema,
  duplicateModuleKey,
  duplicateRoute,
  undeclaredScope,
  scopeCount,
  unusedScope,
  writeRouteReadScopes,
  scopeNaming,
  acceptMissing,
  egressEntries,
  egressAnyHost,
  noApiRoute,
  conformanceFiles,
];

/**
 * Lints a loaded app. A manifest that does not parse stops here with its syntax errors: nothing
 * else in it can be judged.
 */
export async function lintApp(app: ForgeApp, names: HarnessNames): Promise<Finding[]> {
  const syntax = yamlSyntax(app);
  if (app.manifestFile.syntaxErrors.length > 0) return sortFindings(syntax);
  const results = await Promise.all(RULES.map((rule) => rule(app, names)));
  return sortFindings([...syntax, ...results.flat()]);
}
