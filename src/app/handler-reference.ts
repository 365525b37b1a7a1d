import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { forgeManifest } from './forge-manifest-package';
import type { ForgeApp } from './forge-app';
import { HANDLER_EXTENSIONS } from './module-exports';

export type HandlerResolution =
  | { kind: 'found'; file: string; exportName: string }
  | { kind: 'no-file'; tried: string[]; exportName: string; sourceDir: string }
  | { kind: 'invalid'; reason: string };

/**
 * `index.handler1` means export `handler1` of `<sourceDir>/index.{ts,tsx,js,mjs,cjs,jsx}`, where
 * the source directory is the one @forge/manifest's getHandlersDirectory names (`src` unless the
 * app packages itself). A reference may name a nested module (`api/employees.list`) but never
 * leave the source directory.
 */
export function resolveHandler(app: ForgeApp, handler: string): HandlerResolution {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) {
    return { kind: 'invalid', reason: `"${handler}" is not <module>.<export>` };
  }
  const modulePath = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const sourceDir = forgeManifest().getHandlersDirectory(app.manifestFile.data);
  const root = join(app.dir, sourceDir);
  const base = join(root, modulePath);
  if (isAbsolute(modulePath) || !isInside(root, base)) {
    return { kind: 'invalid', reason: `"${handler}" points outside ${sourceDir}/` };
  }

  const candidates = HANDLER_EXTENSIONS.map((ext) => `${base}.${ext}`);
  const file = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!file) {
    return { kind: 'no-file', tried: candidates.map((c) => relative(app.dir, c).split(sep).join('/')), exportName, sourceDir };
  }
  // A symlink may not lead out of the app either.
  if (!isInside(realpathSync(app.dir), realpathSync(file))) {
    return { kind: 'invalid', reason: `"${handler}" resolves through a link to a file outside the app` };
  }
  return { kind: 'found', file, exportName };
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
