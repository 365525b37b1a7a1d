import { API_ROUTE_OPERATIONS } from '../../app/forge-app';
import { editManifest } from '../manifest-edit';
import type { MutationOperator } from '../mutant';
import { shown } from './handler-operator';

/** A route declared with another operation, one no other route of its path has. */
export const changeOperation: MutationOperator = {
  id: 'change-operation',
  title: "a route's operation changes (GET becomes POST, …)",
  mutants: ({ app, route }) => {
    if (!route) return [];
    const taken = new Set(app.apiRoutes.filter((r) => r.routePath === route.routePath).map((r) => r.operation));
    const other = API_ROUTE_OPERATIONS.find((op) => !taken.has(op));
    if (!other) return [];
    return [
      {
        operator: 'change-operation',
        change: `${shown(route)} becomes ${other} ${route.routePath}`,
        apply: (copy) => editManifest(copy, (manifest) => manifest.setIn([...route.path, 'operation'], other)),
        wouldKill: `a scenario or a consumer pact that calls ${shown(route)} and expects its answer (it would get 405)`,
      },
    ];
  },
};
