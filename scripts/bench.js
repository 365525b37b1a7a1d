#!/usr/bin/env node
// Runs one benchmark from bench/ by name (`npm run bench -- lint`), or lists them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';

const benches = readdirSync(join(import.meta.dirname, '../bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !benches.includes(name)) {
  console.error(`usage: npm run bench -- <${benches.join('|')}>`);
  process.exit(2);
}
register();
await import(`../bench/${name}.ts`);
