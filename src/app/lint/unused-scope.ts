import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { scopeLocation } from './scope-names';

/** A declared scope that guards no route is consent a customer grants for nothing. */
export function unusedScope(app: ForgeApp): Finding[] {
  // Scopes of routes the schema rejects still count as used: one mistake, one finding.
  const used = new Set(app.modules.filter((m) => m.type === 'apiRoute').flatMap((m) => (Array.isArray(m.raw.scopes) ? m.raw.scopes : [])));
  return app.customScopes
    .filter((scope) => !used.has(scope.name))
    .map((scope) =>
      finding('SCOPE-UNUSED', {
        ...scopeLocation(app, scope.name),
        message: `${scope.name} is declared but no apiRoute requires it`,
        hint: 'Add it to the routes it is meant to guard. Scopes cannot be deleted once deployed, so do not deploy a scope you have no use for.',
      }),
    );
}
