/**
 * A sum over a sliding window of time: what a platform service counts its rates with (Forge SQL's
 * statements and engine time, storage's requests and read and write units), per installation.
 */
export class SlidingWindow {
  private readonly entries: { at: number; weight: number }[] = [];
  private total = 0;

  constructor(private readonly spanMs: number) {}

  /** The sum of what was added within the window ending `now`. */
  sum(now: number): number {
    while (this.entries.length && this.entries[0]!.at <= now - this.spanMs) this.total -= this.entries.shift()!.weight;
    return this.total;
  }

  add(now: number, weight = 1): void {
    this.entries.push({ at: now, weight });
    this.total += weight;
  }
}
