/**
 * Which of the harness's copies of a `@forge/*` package serves an app that has none of its own.
 * The harness ships `@forge/api` twice: its current major, and 7, the last that exported the
 * legacy `storage` (facts.md §11). An app whose package.json asks for `@forge/api` 7 or older gets
 * the 7 copy, so `import { storage } from '@forge/api'` works as it does on Forge, where the app's
 * own bundle carries the version it asked for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../common/is-record';

const OLDER_COPIES: Record<string, { name: string; upToMajor: number }> = { '@forge/api': { name: '@forge/api-7', upToMajor: 7 } };

/** The major version an app's package.json asks for (`^7.2.2`, `~6.0.0`, `7.x`), if it asks. */
function requestedMajor(appDir: string, packageName: string): number | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as unknown;
    const dependencies = isRecord(manifest)
      ? { ...(isRecord(manifest.devDependencies) ? manifest.devDependencies : {}), ...(isRecord(manifest.dependencies) ? manifest.dependencies : {}) }
      : {};
    const range = dependencies[packageName];
    const major = typeof range === 'string' ? /^\D*(\d+)/.exec(range)?.[1] : undefined;
    return major === undefined ? undefined : Number(major);
  } catch {
    return undefined;
  }
}

/** The name of the harness's package that stands for `packageName` in this app: the package itself, or an older copy of it. */
export function harnessCopyOf(packageName: string, appDir: string): string {
  const older = OLDER_COPIES[packageName];
  const major = older && requestedMajor(appDir, packageName);
  return older && major !== undefined && major <= older.upToMajor ? older.name : packageName;
}

/** `@forge/api/out/x` → its package name, `@forge/api`. */
export const packageNameOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
