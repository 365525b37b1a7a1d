import { validateCustomScopes } from '../custom-scopes-schema';
import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { validateManifestSchema } from '../manifest-schema';

/** The platform's own rules: @forge/manifest's schema and the Forge CLI's custom-scopes schema. */
export function schemas(app: ForgeApp): Finding[] {
  const manifest = app.manifestFile.data as Record<string, unknown>;
  const scopes = app.customScopesFile;
  return [
    ...validateManifestSchema(app.manifestFile, manifest),
    ...(scopes && scopes.syntaxErrors.length === 0 ? validateCustomScopes(scopes, scopes.data) : []),
  ];
}
