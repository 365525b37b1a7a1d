/**
 * The harness built ahead of time into dist/: the CLI and the processes it starts (the platform's
 * roles, the function host), bundled with esbuild, packages left as packages, source maps on.
 * tsx stays only where the partner's TypeScript is loaded (the function host). A checkout builds
 * on `npm ci` (prepare) and again whenever a source is newer than the build (bin/forge-conformance.js).
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { HARNESS_ROOT } from '../common/harness-root';
import { BUNDLE_DEFINE, PROCESS_ENTRIES } from '../platform/process-entries';

export const DIST = join(HARNESS_ROOT, 'dist');
const ENTRIES = ['cli', ...Object.keys(PROCESS_ENTRIES)];

/**
 * Builds dist/ so that a process starting meanwhile never sees half of it: chunks have
 * content-hashed names and are placed first, then the entries that import them. Chunks no
 * build has written for a day are removed.
 */
export async function buildDist(): Promise<void> {
  const { outputFiles } = await build({
    entryPoints: {
      cli: join(HARNESS_ROOT, 'src/cli/main.ts'),
      ...Object.fromEntries(Object.entries(PROCESS_ENTRIES).map(([name, { source }]) => [name, join(HARNESS_ROOT, 'src/platform', source)])),
    },
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each command's code in a chunk of its own, loaded when the command runs.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    define: BUNDLE_DEFINE,
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(DIST, { recursive: true });
  // Every file lands whole (written aside, then renamed): a CLI starting meanwhile, in another test worker say, reads old or new, never half.
  const place = (path: string, contents: Uint8Array) => {
    writeFileSync(`${path}.${process.pid}`, contents);
    renameSync(`${path}.${process.pid}`, path);
  };
  const isEntry = (path: string) => ENTRIES.some((name) => basename(path).startsWith(`${name}.mjs`));
  for (const file of outputFiles.filter((f) => !isEntry(f.path))) place(file.path, file.contents);
  for (const file of outputFiles.filter((f) => isEntry(f.path))) place(file.path, file.contents);
  const written = new Set(outputFiles.map((f) => f.path));
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (!written.has(path) && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
  }
}
