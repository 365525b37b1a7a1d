/** What packages a handler module loads, and whether a bundler could resolve them. */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { lexModule, resolveRelative } from './module-exports';

/** A package a module imports, and where (1-based line of the original source). */
export interface PackageImport {
  file: string;
  line: number;
  specifier: string;
  /** The package name: `lodash` of `lodash/fp`, `@scope/pkg` of `@scope/pkg/sub`. */
  packageName: string;
}

const REQUIRE_CALL = /\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The line of the first quoted `specifier` in the original source (the compiled code has other lines). */
function lineOf(source: string, specifier: string): number {
  const at =
    [`'${specifier}'`, `"${specifier}"`, `\`${specifier}\``]
      .map((q) => source.indexOf(q))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  return source.slice(0, at).split('\n').length;
}

/**
 * Every package the module imports that code will load (static and literal dynamic imports,
 * `require` calls; imports used only as types are gone once compiled), following its relative
 * imports through the app, as a bundler would.
 */
export async function packageImports(file: string, seen = new Set<string>()): Promise<PackageImport[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const { source, code, esm } = await lexModule(file);
  const specifiers = [...esm[0].map((i) => i.n).filter((n): n is string => typeof n === 'string'), ...[...code.matchAll(REQUIRE_CALL)].map((m) => m[2]!)];
  const found: PackageImport[] = [];
  for (const specifier of new Set(specifiers)) {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = resolveRelative(dirname(file), specifier);
      if (target) found.push(...(await packageImports(target, seen)));
      continue;
    }
    if (specifier.startsWith('node:') || builtinModules.includes(specifier) || builtinModules.includes(packageOf(specifier))) continue;
    found.push({ file, line: lineOf(source, specifier), specifier, packageName: packageOf(specifier) });
  }
  return found;
}

const harnessRequire = createRequire(import.meta.url);

/**
 * Whether a package import can be bundled from `file`: installed in a node_modules of its folder
 * or any folder above (workspaces and monorepos hoist there), or declared in the nearest
 * package.json (installed by `npm install`), or one of the `@forge/*` runtime packages the
 * harness resolves for an app without its own (facts.md §5).
 */
export function isResolvable({ file, packageName }: PackageImport): boolean {
  if (installedPackageDir(file, packageName)) return true;
  let declaredChecked = false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!declaredChecked && existsSync(manifest)) {
      declaredChecked = true;
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, Record<string, string> | undefined>;
        if (['dependencies', 'optionalDependencies', 'peerDependencies'].some((field) => pkg[field]?.[packageName] !== undefined)) return true;
      } catch {
        // An unreadable package.json declares nothing.
      }
    }
    if (dirname(dir) === dir) break;
  }
  return packageName.startsWith('@forge/') && harnessPackageDir(packageName) !== undefined;
}

/** The folder of `packageName` as Node finds it from `file`: in the node_modules of its folder or one above. */
export function installedPackageDir(file: string, packageName: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', packageName);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The folder of the harness's own copy of a package, if it has one. */
export function harnessPackageDir(packageName: string): string | undefined {
  try {
    return installedPackageDir(harnessRequire.resolve(packageName), packageName);
  } catch {
    return undefined;
  }
}
