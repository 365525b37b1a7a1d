import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appVariant, MINIMAL_APP } from '../../fixtures/apps';
import { lintApp } from './lint';
import { loadApp } from './load-app';
import { HARNESS_NAMES } from '../pact/harness-names';

test('every package a handler loads is resolved as a bundler would: up the tree (a workspace), declared, built in, or @forge/* from the harness', async () => {
  const root = test.info().outputPath('monorepo');
  mkdirSync(join(root, 'node_modules/shared-lib'), { recursive: true });
  writeFileSync(join(root, 'node_modules/shared-lib/package.json'), '{"name":"shared-lib","version":"1.0.0"}');
  const app = appVariant(MINIMAL_APP, join(root, 'apps/greeter'), {
    'package.json': JSON.stringify({ name: 'greeter', dependencies: { 'declared-only': '^1.0.0' } }),
    'src/index.ts': [
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import api from '@forge/api';",
      "import type { Ghost } from 'ghost-types';",
      "import { shared } from 'shared-lib';",
      "import { format } from './format';",
      'export const getGreeting = async (): Promise<Ghost | object> => ({ statusCode: 200, body: format(shared, readFileSync, path, api) });',
      '',
    ].join('\n'),
    'src/format.ts': "const { pad } = require('./pad.cjs');\nexport const format = (...parts: unknown[]) => pad(String(parts.length));\n",
    'src/pad.cjs':
      "const declared = require('declared-only');\n\nconst missing = require('missing-pkg/sub');\nmodule.exports = { pad: (s) => declared(missing(s)) };\n",
  });
  const findings = await lintApp(loadApp(app), HARNESS_NAMES);
  expect(findings.map((f) => [f.id, f.file, f.line])).toEqual([['HANDLER-IMPORT-UNRESOLVED', 'src/pad.cjs', 3]]);
  expect(findings[0]!.message).toBe(
    'src/pad.cjs:3 imports "missing-pkg/sub", which no node_modules from the app upward holds and package.json does not declare: forge deploy cannot bundle it',
  );
  expect(findings[0]!.hint).toContain('Add missing-pkg to the app');
});
