import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { StackStartError } from './stack-start-error';
import { allStarted, assertStubFilesReadable } from './start-checks';

test('a component that fails to start does not leave a slower one unowned: every one has settled first', async () => {
  const owned: string[] = [];
  const slow = new Promise<string>((resolve) => setTimeout(() => resolve('slow'), 50)).then((c) => (owned.push(c), c));
  const failing = Promise.reject(new Error('port taken'));
  await expect(allStarted([slow, failing])).rejects.toThrow('port taken');
  expect(owned, 'the slow component had registered itself for stopping').toEqual(['slow']);
  expect(await allStarted([Promise.resolve(1), Promise.resolve('two')])).toEqual([1, 'two']);
});

test('a broken stub file is a StackStartError naming it; missing stub directories are fine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stubs-'));
  expect(() => assertStubFilesReadable([dir, join(dir, 'absent')])).not.toThrow();
  writeFileSync(join(dir, 'payroll.json'), '[{"scope": "https://api.example.com", "path": "/x"}]');
  expect(() => assertStubFilesReadable([dir])).toThrow(StackStartError);
  expect(() => assertStubFilesReadable([dir])).toThrow(/payroll\.json\[0\] needs a method/);
});
