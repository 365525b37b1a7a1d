import { expect, test } from '@playwright/test';
import { SqlRates } from './sql-rates';

const limits = { dmlPerSecond: 3, ddlPerMinute: 2, engineMsPerMinute: 1_000 };

test('statements a second, DDL a minute and engine time a minute, each per installation, over sliding windows', () => {
  let now = 0;
  const rates = new SqlRates(limits, () => now);
  expect([1, 2, 3].map(() => rates.admit('a', 'read'))).toEqual([undefined, undefined, undefined]);
  expect(rates.admit('a', 'dml')).toMatch(/3 statements in the last second/);
  // Another installation has rates of its own; a DDL statement is counted apart.
  expect(rates.admit('b', 'dml')).toBeUndefined();
  expect(rates.admit('a', 'ddl')).toBeUndefined();
  now = 1_000;
  expect(rates.admit('a', 'read'), 'the second has passed').toBeUndefined();
  expect(rates.admit('a', 'ddl')).toBeUndefined();
  expect(rates.admit('a', 'ddl')).toMatch(/2 DDL statements in the last minute/);
  now = 60_000;
  expect(rates.admit('a', 'ddl'), 'the first DDL statement left the minute').toBeUndefined();
  // Engine time: once the minute's is used, nothing runs until it leaves the window.
  rates.spent('a', 600);
  now = 60_500;
  rates.spent('a', 400);
  expect(rates.admit('a', 'read')).toMatch(/1 s of engine time/);
  now = 120_001;
  expect(rates.admit('a', 'read')).toBeUndefined();
});
