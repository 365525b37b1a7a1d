import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { StackStartError } from './stack-start-error';
import { allStarted } from './all-started';
import { checkedUpstreams } from './prepared-app';

test('a component that fails to start does not leave a slower one unowned: every one has settled first', async () => {
  const owned: string[] = [];
  const slow = new Promise<string>((resolve) => setTimeout(() => resolve('slow'), 50)).then((c) => (owned.push(c), c));
  const failing = Promise.reject(new Error('port taken'));
  await expect(allStarted([slow, failing])).rejects.toThrow('port taken');
  expect(owned, 'the slow component had registered itself for stopping').toEqual(['slow']);
  expect(await allStarted([Promise.resolve(1), Promise.resolve('two')])).toEqual([1, 'two']);
});

test("the stubs are the named ones or the app's upstreams/; a broken file is a StackStartError naming it; missing directories are fine", () => {
  const app = mkdtempSync(join(tmpdir(), 'app-'));
  expect(checkedUpstreams({}, app)).toEqual([join(app, 'upstreams')]);
  expect(checkedUpstreams({ upstreams: [app, join(app, 'absent')] }, app)).toEqual([app, join(app, 'absent')]);
  writeFileSync(join(app, 'payroll.json'), '[{"scope": "https://api.example.com", "path": "/x"}]');
  expect(() => checkedUpstreams({ upstreams: [app] }, app)).toThrow(StackStartError);
  expect(() => checkedUpstreams({ upstreams: [app] }, app)).toThrow(/payroll\.json\[0\] needs a method/);
});
