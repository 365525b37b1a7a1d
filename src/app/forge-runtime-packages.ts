/** Which `@forge/*` packages, of which version and whose copy, the handlers run with. */
import { readFileSync, realpathSync } from 'node:fs';
import type { ForgeApp } from './forge-app';
import { resolveHandler } from './handler-reference';
import { harnessCopyOf } from './forge-package-copies';
import { ModuleParseError } from './module-exports';
import { harnessPackageDir, installedPackageDir, packageImports } from './module-imports';

/** A `@forge/*` package the app's handlers load, and whose copy they load. */
export interface ForgePackage {
  name: string;
  version: string;
  /** The app's own copy (its node_modules, or a workspace's above it), or the harness's (facts.md §5). */
  source: 'app' | 'harness';
}

const versionIn = (dir: string) => (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version?: string }).version ?? 'unknown';

/**
 * The `@forge/*` packages the handlers import, each resolved as the function host resolves it:
 * from the handler file up the tree, and else from the harness. What the certificate reports as
 * the versions the app ran with.
 */
export async function forgePackagesOf(app: ForgeApp): Promise<ForgePackage[]> {
  const seen = new Set<string>();
  const names = new Map<string, string>();
  for (const fn of app.functions) {
    const handler = resolveHandler(app, fn.handler);
    if (handler.kind !== 'found') continue;
    try {
      for (const imported of await packageImports(handler.file, seen)) {
        if (imported.packageName.startsWith('@forge/') && !names.has(imported.packageName)) names.set(imported.packageName, imported.file);
      }
    } catch (error) {
      if (!(error instanceof ModuleParseError)) throw error;
    }
  }
  const packages: ForgePackage[] = [];
  for (const [name, file] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
    const harness = harnessPackageDir(harnessCopyOf(name, app.dir));
    const found = installedPackageDir(file, name) ?? harness;
    if (!found) continue;
    const source = harness !== undefined && realpathSync(found) === realpathSync(harness) ? 'harness' : 'app';
    packages.push({ name, version: versionIn(found), source });
  }
  return packages;
}
