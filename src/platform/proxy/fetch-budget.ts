const MINUTE_MS = 60_000;
/** How many invocations' records are kept before the quiet ones are swept. */
const SWEEP_AT = 1_000;

/**
 * How many network requests each invocation has left: at most `perMinute` in any 60 s. Only
 * requests that are let through are counted. The proxy is not told when the gateway's
 * invocations finish, so records quiet for a minute are dropped as more invocations come.
 */
export class FetchBudget {
  private readonly spent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends one request of the invocation's budget; false, and nothing spent, when none is left. */
  take(invocationId: string): boolean {
    const at = this.now();
    if (this.spent.size >= SWEEP_AT && !this.spent.has(invocationId)) this.sweep(at);
    let recent = this.spent.get(invocationId);
    if (!recent) this.spent.set(invocationId, (recent = []));
    // Oldest first, so what has left the window is at the front: constant work per request.
    while (recent.length > 0 && at - recent[0]! >= MINUTE_MS) recent.shift();
    if (recent.length >= this.perMinute) return false;
    recent.push(at);
    return true;
  }

  /** Drops the records with no request in the last minute. */
  private sweep(at: number): void {
    for (const [id, times] of this.spent) if (times.length === 0 || at - times.at(-1)! >= MINUTE_MS) this.spent.delete(id);
  }

  forget(invocationId: string): void {
    this.spent.delete(invocationId);
  }
}
