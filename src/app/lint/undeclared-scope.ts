import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { CUSTOM_SCOPES_FILE } from '../load-app';
import { inManifest } from './rule';

/** A route scope missing from custom-scopes.yaml makes `forge deploy` fail with CUSTOM_SCOPES_NOT_AVAILABLE. */
export function undeclaredScope(app: ForgeApp): Finding[] {
  if (app.customScopesFile && app.customScopesFile.syntaxErrors.length > 0) return [];
  const declared = new Set(app.customScopes.map((s) => s.name));
  return app.apiRoutes.flatMap((route) =>
    route.scopes.flatMap((scope, index) =>
      declared.has(scope)
        ? []
        : [
            inManifest(
              app,
              'SCOPE-UNDECLARED',
              [...route.path, 'scopes', index],
              `apiRoute "${route.key}" requires ${scope}, which ${app.customScopesFile ? `${CUSTOM_SCOPES_FILE} does not declare` : `is not declared: the app has no ${CUSTOM_SCOPES_FILE}`}`,
              app.customScopesFile
                ? `Add ${scope} with a displayName and description to ${CUSTOM_SCOPES_FILE}, or fix the name on the route; forge deploy fails with CUSTOM_SCOPES_NOT_AVAILABLE until then.`
                : `Create ${CUSTOM_SCOPES_FILE} with \`version: 1\` and a \`scopes:\` entry for ${scope} (displayName and description).`,
            ),
          ],
    ),
  );
}
