import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

const WRITE_OPERATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route that changes data but is granted by a read scope is not least-privilege. */
export function writeRouteReadScopes(app: ForgeApp): Finding[] {
  return app.apiRoutes
    .filter((route) => WRITE_OPERATIONS.has(route.operation) && route.scopes.length > 0 && route.scopes.every((s) => s.startsWith('read:')))
    .map((route) =>
      inManifest(
        app,
        'ROUTE-WRITE-READ-SCOPES',
        [...route.path, 'scopes'],
        `${route.operation} ${route.routePath} ("${route.key}") changes data but requires only read scopes (${route.scopes.join(', ')})`,
        `Guard it with a write or delete scope, e.g. ${route.operation === 'DELETE' ? 'delete' : 'write'}:${nounOf(route.scopes[0]!)}:custom, so that read-only consent cannot change data.`,
      ),
    );
}

const nounOf = (scope: string) =>
  scope
    .replace(/:custom$/, '')
    .split(':')
    .slice(1)
    .join(':') || 'resource';
