import { expect, test } from '@playwright/test';
import { BoundedLog } from './bounded-log';

test('a bounded log keeps the newest entries, oldest first, however often it wraps', () => {
  const log = new BoundedLog<number>(3);
  expect(log.entries()).toEqual([]);
  log.add(1);
  log.add(2);
  expect(log.entries()).toEqual([1, 2]);
  for (let i = 3; i <= 10; i++) log.add(i);
  expect(log.entries()).toEqual([8, 9, 10]);
  log.add(11);
  expect(log.entries()).toEqual([9, 10, 11]);
  // A copy: the caller cannot change the log.
  log.entries().push(99);
  expect(log.entries()).toEqual([9, 10, 11]);
});
