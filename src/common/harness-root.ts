/** Where the harness itself lives, whether it runs from source (src/) or built (dist/). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const isHarnessPackage = (dir: string) => {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'forge-conformance';
  } catch {
    return false;
  }
};

/**
 * The folder with the harness's package.json (and playwright.config.ts, suites/): the nearest
 * one above this code, which sits one level down when built and two when run from source. In a
 * platform image, which holds the bundle but no package.json, the folder above the bundle.
 */
function findHarnessRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && isHarnessPackage(dir)) return dir;
    if (dirname(dir) === dir) return dirname(start);
  }
}

export const HARNESS_ROOT = findHarnessRoot(import.meta.dirname);

/** Playwright Test's command line, as the harness's own dependency resolves it. */
export const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
