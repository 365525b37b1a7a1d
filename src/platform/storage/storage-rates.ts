/**
 * The Key-Value and Custom Entity Store's rates, per installation (facts.md §11): requests a
 * second, and read and write units a minute, a unit being a request's size rounded up to 10 KB
 * (a request of 10 KB or less is one). A request over a rate is refused with the documented 429
 * `RATE_LIMIT_EXCEEDED` and not counted.
 */
import { SlidingWindow } from '../sliding-window';
import { kvsError } from './kvs-rules';

export interface StorageRateLimits {
  requestsPerSecond: number;
  readUnitsPerMinute: number;
  writeUnitsPerMinute: number;
  /** The size of a unit: a request's bytes are rounded up to it. */
  unitBytes: number;
}

/** The documented limits (D: the KVS and Custom Entity Store limits page). */
export const STORAGE_RATES: StorageRateLimits = { requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000, unitBytes: 10 * 1024 };

export class StorageRates {
  private readonly windows = new Map<string, { requests: SlidingWindow; reads: SlidingWindow; writes: SlidingWindow }>();

  constructor(
    private readonly limits: StorageRateLimits = STORAGE_RATES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts a request, or throws the refusal of the rate it would go over. */
  admit(installation: string, kind: 'read' | 'write', bytes: number): void {
    let windows = this.windows.get(installation);
    if (!windows)
      this.windows.set(installation, (windows = { requests: new SlidingWindow(1_000), reads: new SlidingWindow(60_000), writes: new SlidingWindow(60_000) }));
    const now = this.now();
    const units = Math.max(1, Math.ceil(bytes / this.limits.unitBytes));
    const [window, limit] = kind === 'read' ? [windows.reads, this.limits.readUnitsPerMinute] : [windows.writes, this.limits.writeUnitsPerMinute];
    if (windows.requests.sum(now) >= this.limits.requestsPerSecond)
      throw kvsError(429, 'RATE_LIMIT_EXCEEDED', `The installation made the storage's ${this.limits.requestsPerSecond} requests in the last second.`);
    if (window.sum(now) + units > limit)
      throw kvsError(429, 'RATE_LIMIT_EXCEEDED', `The installation used the storage's ${limit} ${kind} units (10 KB each) in the last minute.`);
    windows.requests.add(now);
    window.add(now, units);
  }
}
