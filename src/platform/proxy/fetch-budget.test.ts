import { expect, test } from '@playwright/test';
import { FetchBudget } from './fetch-budget';

test('an invocation gets its requests per minute, then none until a minute after the earliest', () => {
  let now = 0;
  const budget = new FetchBudget(3, () => now);
  const takeAt = (at: number) => ((now = at), budget.take('a'));
  expect([takeAt(0), takeAt(10_000), takeAt(20_000), takeAt(30_000)]).toEqual([true, true, true, false]);
  expect(budget.take('b'), 'each invocation has its own budget').toBe(true);
  expect(takeAt(59_999)).toBe(false);
  expect(takeAt(60_000), 'the request at 0 has left the window').toBe(true);
  expect(takeAt(60_001), 'the refused ones were never counted, and the others still are').toBe(false);
  expect(takeAt(70_000), 'the request at 10 s has left the window').toBe(true);
});

test('a forgotten invocation starts again from nothing', () => {
  const budget = new FetchBudget(1, () => 0);
  expect(budget.take('a')).toBe(true);
  budget.forget('a');
  expect(budget.take('a')).toBe(true);
});
