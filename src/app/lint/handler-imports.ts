import { relative, sep } from 'node:path';
import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { resolveHandler } from '../handler-reference';
import { ModuleParseError } from '../module-exports';
import { isResolvable, packageImports } from '../module-imports';

/**
 * Every package a handler file (or a module it imports) loads must be there to bundle, as
 * `forge deploy`'s bundler resolves it; otherwise the app fails at run time with "Cannot find
 * module". Unparsable files are HANDLER-UNPARSABLE's to report.
 */
export async function handlerImports(app: ForgeApp): Promise<Finding[]> {
  const files = new Set<string>();
  for (const fn of app.functions) {
    const resolution = resolveHandler(app, fn.handler);
    if (resolution.kind === 'found') files.add(resolution.file);
  }
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const file of files) {
    let imports;
    try {
      imports = await packageImports(file, seen);
    } catch (error) {
      if (error instanceof ModuleParseError) continue;
      throw error;
    }
    for (const unresolved of imports.filter((i) => !isResolvable(i))) {
      const shown = relative(app.dir, unresolved.file).split(sep).join('/');
      findings.push(
        finding('HANDLER-IMPORT-UNRESOLVED', {
          file: shown,
          at: { line: unresolved.line, column: 1 },
          message: `${shown}:${unresolved.line} imports "${unresolved.specifier}", which no node_modules from the app upward holds and package.json does not declare: forge deploy cannot bundle it`,
          hint: `Add ${unresolved.packageName} to the app's package.json and run npm install, or remove the import.`,
        }),
      );
    }
  }
  return findings;
}
