#!/usr/bin/env tsx
/** Writes what docs/ shows from the code: the table of conformance.yaml's fields.   npm run docs */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HARNESS_ROOT } from '../src/common/harness-root';
import { withFieldsTable } from '../src/app/conformance-fields-table';

const page = join(HARNESS_ROOT, 'docs/partners.md');
writeFileSync(page, withFieldsTable(readFileSync(page, 'utf8')));
console.log(`wrote the fields of conformance.yaml into ${page}`);
