/**
 * How the consumer tests of this folder write their pact files: from nothing, into a folder of
 * this run's own, moved into place whole once every test of the file held. Pact-js merges into
 * an existing file, so writing in place would keep interactions a test no longer declares; a
 * verifier reading meanwhile never sees half a file; and a pact missing the interactions whose
 * tests failed would be a wrong contract, so the last good one is kept.
 */
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { test } from '@playwright/test';

/** Where the pacts go instead of their folders, for the test that regenerates them and compares (src/pact/pact-regeneration.test.ts). */
export const PACT_DIR_OVERRIDE = 'FORGE_CONFORMANCE_PACT_DIR';

/** Registers the file's hooks and returns its pact (a getter: the pact is made in `beforeAll`). */
export function pactWrittenTo(folder: string, { consumer, provider }: { consumer: string; provider: string }): () => PactV4 {
  const dir = process.env[PACT_DIR_OVERRIDE] ?? folder;
  const file = `${consumer}-${provider}.json`;
  const writing = mkdtempSync(join(tmpdir(), `${consumer}-pact-`));
  let pact: PactV4 | undefined;
  let allHeld = true;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    pact = new PactV4({ consumer, provider, dir: writing, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'warn' });
  });
  test.afterEach(({}, testInfo) => void (allHeld &&= testInfo.status === testInfo.expectedStatus));
  test.afterAll(() => {
    if (allHeld) {
      mkdirSync(dir, { recursive: true });
      const staged = join(dir, `.${file}.${process.pid}`);
      copyFileSync(join(writing, file), staged);
      renameSync(staged, join(dir, file));
    }
    rmSync(writing, { recursive: true, force: true });
  });
  return () => pact!;
}
