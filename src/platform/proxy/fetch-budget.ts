const MINUTE_MS = 60_000;

/**
 * How many network requests each invocation has left: at most `perMinute` in any 60 s. Only
 * requests that are let through are counted; a finished invocation's record is dropped.
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
    let recent = this.spent.get(invocationId);
    if (!recent) this.spent.set(invocationId, (recent = []));
    // Oldest first, so what has left the window is at the front: constant work per request.
    while (recent.length > 0 && at - recent[0]! >= MINUTE_MS) recent.shift();
    if (recent.length >= this.perMinute) return false;
    recent.push(at);
    return true;
  }

  forget(invocationId: string): void {
    this.spent.delete(invocationId);
  }
}
