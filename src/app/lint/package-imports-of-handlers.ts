import { relative, sep } from 'node:path';
import type { ForgeApp } from '../forge-app';
import { resolveHandler } from '../handler-reference';
import { ModuleParseError } from '../module-exports';
import { packageImports } from '../module-imports';

/**
 * Where the app's handlers (and the modules they import) import one of `packages`: the file as
 * the app names it, the line, the package. Unparsable files are HANDLER-UNPARSABLE's to report.
 */
export async function packageImportsOfHandlers(app: ForgeApp, packages: ReadonlySet<string>): Promise<{ file: string; line: number; packageName: string }[]> {
  const seen = new Set<string>();
  const found = [];
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
    for (const i of imports.filter((i) => packages.has(i.packageName)))
      found.push({ file: relative(app.dir, i.file).split(sep).join('/'), line: i.line, packageName: i.packageName });
  }
  return found;
}
