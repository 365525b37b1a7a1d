import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { packageImportsOfHandlers } from './package-imports-of-handlers';

/** The packages that call Forge storage, which needs `storage:app` (facts.md §11). */
const STORAGE_PACKAGES = new Set(['@forge/kvs', '@forge/storage']);

/**
 * A handler that imports a storage package in an app whose manifest lacks `storage:app` would
 * fail at every storage call: an error at the import's line.
 */
export async function storageScope(app: ForgeApp): Promise<Finding[]> {
  if (app.permissionScopes.includes('storage:app')) return [];
  return (await packageImportsOfHandlers(app, STORAGE_PACKAGES)).map(({ file, line, packageName }) =>
    finding('STORAGE-SCOPE-MISSING', {
      file,
      at: { line, column: 1 },
      message: `${file}:${line} imports ${packageName}, but the manifest's permissions.scopes does not ask for storage:app: every storage call would be refused`,
      hint: 'Add storage:app under permissions.scopes in manifest.yml.',
    }),
  );
}
