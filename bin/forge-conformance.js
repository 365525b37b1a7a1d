#!/usr/bin/env node
// The CLI is TypeScript; tsx's loader runs it as it is, in a checkout and in an installed copy alike.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv.slice(2));
