import type { ForgeApp } from '../forge-app';
import type { SourcePosition } from '../yaml-file';

/** Every custom scope the app mentions: declared in custom-scopes.yaml or required by a route. */
export function allScopeNames(app: ForgeApp): string[] {
  return [...new Set([...app.customScopes.map((s) => s.name), ...app.apiRoutes.flatMap((r) => r.scopes)])];
}

/** Where a scope is best shown: its entry in custom-scopes.yaml, else the first route needing it. */
export function scopeLocation(app: ForgeApp, name: string): { file: string; at: SourcePosition } {
  const scopesFile = app.customScopesFile;
  if (scopesFile && app.customScopes.some((s) => s.name === name)) {
    return { file: scopesFile.relativePath, at: scopesFile.positionOf(['scopes', name], { key: true }) };
  }
  const route = app.apiRoutes.find((r) => r.scopes.includes(name));
  const path = route ? [...route.path, 'scopes', route.scopes.indexOf(name)] : [];
  return { file: app.manifestFile.relativePath, at: app.manifestFile.positionOf(path) };
}
