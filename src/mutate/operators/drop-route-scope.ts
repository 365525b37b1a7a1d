import { editManifest } from '../manifest-edit';
import type { MutationOperator } from '../mutant';
import { shown } from './handler-operator';

/** A route guarded by one scope fewer (never by none, which the manifest schema refuses). */
export const dropRouteScope: MutationOperator = {
  id: 'drop-route-scope',
  title: 'a route requires one scope fewer',
  mutants: ({ app }) =>
    app.apiRoutes
      .filter((route) => route.scopes.length >= 2)
      .slice(0, 1)
      .map((route) => ({
        operator: 'drop-route-scope',
        change: `${shown(route)} no longer requires ${route.scopes.at(-1)}`,
        apply: (copy: string) => editManifest(copy, (manifest) => manifest.deleteIn([...route.path, 'scopes', route.scopes.length - 1])),
        wouldKill: `a scenario or a consumer pact that calls ${route.key} with a token lacking ${route.scopes.at(-1)} and expects the refusal (401)`,
      })),
};
