#!/usr/bin/env node
// The CLI, built ahead of time into dist/ (npm ci and npm pack build it). In a checkout, a source
// newer than the build rebuilds it first, so what runs is always what the sources say.
import { existsSync, readdirSync, statSync } from 'node:fs';
import nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const NODE = [22, 22];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < NODE[0] || (major === NODE[0] && minor < NODE[1])) {
  console.error(
    `forge-conformance needs Node.js ${NODE.join('.')} or later, and this is ${process.version}: install a newer Node.js (or run it through npm run in a checkout, which brings its own).`,
  );
  process.exit(2);
}

// Node keeps the compiled code of the modules it loads between runs, so each process a run starts
// (this one, Playwright's runner, its loader and workers, the proxy: they inherit the variable)
// loads its modules faster; the app's own host is given none of this environment. Measured in
// docs/contributing.md (Benchmarks).
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), `forge-conformance-compile-cache-${process.getuid?.() ?? 'user'}`);
// (Imported whole: a Node too old to have it must still reach the sentence above.)
nodeModule.enableCompileCache(process.env.NODE_COMPILE_CACHE);

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist/cli.mjs');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
// Only a checkout (a git work tree) is edited; an installed copy's sources are never newer than its build.
const sources = join(root, 'src');
const checkout = existsSync(join(root, '.git'));
if (!existsSync(cli) || (checkout && newest(sources) > statSync(cli).mtimeMs)) {
  const { register } = await import('tsx/esm/api');
  register();
  const { buildDist } = await import('../src/build/build-dist.ts');
  await buildDist();
}
const { runCli } = await import(pathToFileURL(cli).href);
await runCli(process.argv.slice(2));
