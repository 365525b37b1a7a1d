import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Where it is installed, as Node would find it. */
  dir: string;
}

/** The installed copy of a package that code in `from` would load, as Node's lookup walks up. */
function installedDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The packages `names` need at run time, themselves included: their dependencies, and the optional
 * ones that are installed (esbuild's platform binary), each where Node would find it from its
 * dependant. Sorted by directory, so the list is stable for a digest.
 */
export function packageClosure(names: string[], root: string): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const visit = (name: string, from: string, mayBeMissing: boolean) => {
    const dir = installedDir(name, from);
    if (!dir) {
      if (mayBeMissing) return;
      throw new Error(`${name} is not installed (needed from ${from}): run npm ci`);
    }
    if (found.has(dir)) return;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      version: string;
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    found.set(dir, { name, version: manifest.version, dir });
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir, optional.has(dependency));
    for (const dependency of optional) visit(dependency, dir, true);
  };
  for (const name of names) visit(name, root, false);
  return [...found.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}
