import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/** Two routes with the same path and operation: only one could ever be reached. */
export function duplicateRoute(app: ForgeApp): Finding[] {
  const first = new Map<string, string>();
  return app.apiRoutes.flatMap((route) => {
    const id = `${route.operation} ${route.routePath}`;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, route.key);
      return [];
    }
    return [
      inManifest(
        app,
        'ROUTE-DUPLICATE',
        [...route.path, 'path'],
        `apiRoute "${route.key}" repeats ${id}, already declared by "${earlier}"`,
        'Remove one of the two routes, or change its path or operation.',
      ),
    ];
  });
}
