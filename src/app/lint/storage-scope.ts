import { relative, sep } from 'node:path';
import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { resolveHandler } from '../handler-reference';
import { ModuleParseError } from '../module-exports';
import { packageImports } from '../module-imports';

/** The packages that call Forge storage, which needs `storage:app` (facts.md §11). */
const STORAGE_PACKAGES = new Set(['@forge/kvs', '@forge/storage']);

/**
 * A handler that imports a storage package in an app whose manifest lacks `storage:app` would
 * fail at every storage call: an error at the import's line. Unparsable files are
 * HANDLER-UNPARSABLE's to report.
 */
export async function storageScope(app: ForgeApp): Promise<Finding[]> {
  if (app.permissionScopes.includes('storage:app')) return [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const fn of app.functions) {
    const resolution = resolveHandler(app, fn.handler);
    if (resolution.kind !== 'found') continue;
    let imports;
    try {
      imports = await packageImports(resolution.file, seen);
    } catch (error) {
      if (error instanceof ModuleParseError) continue;
      throw error;
    }
    for (const storage of imports.filter((i) => STORAGE_PACKAGES.has(i.packageName))) {
      const shown = relative(app.dir, storage.file).split(sep).join('/');
      findings.push(
        finding('STORAGE-SCOPE-MISSING', {
          file: shown,
          at: { line: storage.line, column: 1 },
          message: `${shown}:${storage.line} imports ${storage.packageName}, but the manifest's permissions.scopes does not ask for storage:app: every storage call would be refused`,
          hint: 'Add storage:app under permissions.scopes in manifest.yml.',
        }),
      );
    }
  }
  return findings;
}
