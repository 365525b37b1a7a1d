/** Which of an app's routes an edit to its source files can change. */
import { relative, resolve } from 'node:path';
import { build } from 'esbuild';
import type { ForgeApp } from '../app/forge-app';
import { resolveHandler } from '../app/handler-reference';

/**
 * For each route, the app's own files its handler loads (the handler module and everything it
 * imports, packages aside), as esbuild follows the imports. A route whose handler cannot be
 * resolved or bundled depends on every file: any edit may be the one that fixes it.
 */
export async function routeSources(app: ForgeApp): Promise<Map<string, Set<string> | 'any'>> {
  const byFunction = new Map<string, Set<string> | 'any'>();
  await Promise.all(
    app.functions.map(async (fn) => {
      const resolved = resolveHandler(app, fn.handler);
      if (resolved.kind !== 'found') return byFunction.set(fn.key, 'any');
      try {
        const { metafile } = await build({
          entryPoints: [resolved.file],
          absWorkingDir: app.dir,
          bundle: true,
          write: false,
          metafile: true,
          packages: 'external',
          platform: 'node',
          format: 'esm',
          logLevel: 'silent',
        });
        byFunction.set(fn.key, new Set(Object.keys(metafile.inputs).map((input) => resolve(app.dir, input))));
      } catch {
        byFunction.set(fn.key, 'any');
      }
    }),
  );
  return new Map(app.apiRoutes.map((route) => [route.key, byFunction.get(route.function) ?? 'any']));
}

/** The routes whose handlers load any of the changed files (absolute paths). */
export function affectedRoutes(sources: Map<string, Set<string> | 'any'>, changed: readonly string[]): string[] {
  return [...sources].filter(([, files]) => files === 'any' || changed.some((file) => files.has(file))).map(([route]) => route);
}

/** A changed file as the user knows it: relative to the app. */
export const appRelative = (app: ForgeApp, file: string) => relative(app.dir, file);
