import { expect, test } from '@playwright/test';
import { KvsStore } from './kvs-store';

test('a key with a time to live is gone once it expires, from get and from queries alike', () => {
  let now = 1_000;
  const store = new KvsStore(() => now);
  store.set('i1', 'data', 'session:a', '"x"', now + 5_000);
  store.set('i1', 'data', 'session:b', '"y"', null);
  expect(store.get('i1', 'data', 'session:a')?.expireAt).toBe(6_000);
  now = 6_000;
  expect(store.get('i1', 'data', 'session:a')).toBeUndefined();
  expect(store.query('i1', { prefix: 'session:', after: undefined, limit: 10 }).map((e) => e.key)).toEqual(['session:b']);
  store.close();
});

test('installations and spaces never meet: secrets are not listed, and another installation sees nothing', () => {
  const store = new KvsStore();
  store.set('i1', 'data', 'k', '1', null);
  store.set('i1', 'secret', 'k', '"s"', null);
  expect(store.get('i2', 'data', 'k')).toBeUndefined();
  expect(store.get('i1', 'secret', 'k')?.value).toBe('"s"');
  expect(store.query('i1', { prefix: undefined, after: undefined, limit: 10 }).map((e) => e.value)).toEqual(['1']);
  expect(store.query('i2', { prefix: undefined, after: undefined, limit: 10 })).toEqual([]);
  // An update keeps when the key was made.
  const { latest } = store.set('i1', 'data', 'k', '2', null);
  expect(latest.createdAt).toBe(store.get('i1', 'data', 'k')!.createdAt);
  store.close();
});

test('work done atomically is undone whole when it throws', () => {
  const store = new KvsStore();
  store.set('i1', 'data', 'kept', '1', null);
  expect(() =>
    store.atomically(() => {
      store.set('i1', 'data', 'written', '2', null);
      store.delete('i1', 'data', 'kept');
      throw new Error('refused half way');
    }),
  ).toThrow('refused half way');
  expect(store.get('i1', 'data', 'written')).toBeUndefined();
  expect(store.get('i1', 'data', 'kept')?.value).toBe('1');
  store.close();
});
