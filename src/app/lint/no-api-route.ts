import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/** Not wrong, but nothing for the conformance suites to call. */
export function noApiRoute(app: ForgeApp): Finding[] {
  if (app.modules.some((m) => m.type === 'apiRoute')) return [];
  return [
    inManifest(
      app,
      'APIROUTE-NONE',
      ['modules'],
      'the app exposes no apiRoute, so it has no REST API to check',
      'Add modules.apiRoute entries (key, path, operation, function, accept, scopes) to expose a REST API.',
      { key: true },
    ),
  ];
}
