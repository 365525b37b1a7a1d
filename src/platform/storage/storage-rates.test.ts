import { expect, test } from '@playwright/test';
import { Refusal } from '../http/refusal';
import { StorageRates } from './storage-rates';

const limits = { requestsPerSecond: 3, readUnitsPerMinute: 10, writeUnitsPerMinute: 8, unitBytes: 10 * 1024 };

/** The refusal's status and code, or undefined when the request is admitted. */
function admitted(rates: StorageRates, installation: string, kind: 'read' | 'write', bytes = 100) {
  try {
    rates.admit(installation, kind, bytes);
    return undefined;
  } catch (error) {
    const refusal = error as Refusal;
    return `${refusal.status} ${(refusal.body as { code: string }).code}`;
  }
}

test('requests a second, and read and write units of 10 KB a minute, each per installation, over sliding windows; a refused request is not counted', () => {
  let now = 0;
  const rates = new StorageRates(limits, () => now);
  expect([1, 2, 3].map(() => admitted(rates, 'a', 'read'))).toEqual([undefined, undefined, undefined]);
  expect(admitted(rates, 'a', 'read')).toBe('429 RATE_LIMIT_EXCEEDED');
  expect(admitted(rates, 'b', 'write'), 'another installation has rates of its own').toBeUndefined();
  // Reads: 3 units at 0 s; at 30 s three reads of 20 KB (2 units each) fit, and a fourth of just over 10 KB does not.
  now = 30_000;
  expect(Array.from({ length: 3 }, () => admitted(rates, 'a', 'read', 20 * 1024))).toEqual([undefined, undefined, undefined]);
  now = 31_000;
  expect(admitted(rates, 'a', 'read', 10 * 1024 + 1)).toBe('429 RATE_LIMIT_EXCEEDED');
  expect(admitted(rates, 'a', 'write'), 'writes are counted apart').toBeUndefined();
  // Writes: 1 unit at 0 s, then 65 KB is 7 units of 10 KB: the minute's 8 are used.
  now = 32_000;
  expect(admitted(rates, 'b', 'write', 65 * 1024)).toBeUndefined();
  expect(admitted(rates, 'b', 'write', 1)).toBe('429 RATE_LIMIT_EXCEEDED');
  now = 60_001;
  expect(admitted(rates, 'b', 'write'), 'the first write left the minute').toBeUndefined();
});
