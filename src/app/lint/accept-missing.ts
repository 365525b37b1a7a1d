import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/** The schema leaves `accept` optional, but the docs call it mandatory. */
export function acceptMissing(app: ForgeApp): Finding[] {
  return app.apiRoutes
    .filter((route) => route.accept === undefined)
    .map((route) =>
      inManifest(
        app,
        'ROUTE-ACCEPT-MISSING',
        [...route.path, 'key'],
        `apiRoute "${route.key}" does not declare accept`,
        'Add `accept: [application/json]`: the documentation requires it even though the schema does not.',
      ),
    );
}
