/**
 * Forge SQL's rates, per installation (facts.md §13): statements that read or write (DML, as the
 * Forge SQL pages call SELECT, INSERT, UPDATE and DELETE) a second, DDL statements a minute, and
 * the engine's time spent on the installation's statements a minute. Counted over sliding windows
 * of the app's own statements; a statement over a rate is not run.
 */
import { SlidingWindow as Window } from '../sliding-window';
import type { StatementKind } from './statement';

export interface SqlRateLimits {
  dmlPerSecond: number;
  ddlPerMinute: number;
  /** Milliseconds of the engine's time a minute. */
  engineMsPerMinute: number;
}

export class SqlRates {
  private readonly windows = new Map<string, { dml: Window; ddl: Window; engineMs: Window }>();

  constructor(
    private readonly limits: SqlRateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private of(installation: string) {
    let windows = this.windows.get(installation);
    if (!windows) this.windows.set(installation, (windows = { dml: new Window(1_000), ddl: new Window(60_000), engineMs: new Window(60_000) }));
    return windows;
  }

  /** Counts a statement of this kind, or says which rate it would go over (and does not count it). */
  admit(installation: string, kind: StatementKind): string | undefined {
    const now = this.now();
    const { dml, ddl, engineMs } = this.of(installation);
    if (engineMs.sum(now) >= this.limits.engineMsPerMinute)
      return `the installation's statements used Forge SQL's ${this.limits.engineMsPerMinute / 1000} s of engine time in the last minute`;
    if (kind === 'ddl') {
      if (ddl.sum(now) >= this.limits.ddlPerMinute) return `the installation sent Forge SQL's ${this.limits.ddlPerMinute} DDL statements in the last minute`;
      ddl.add(now);
    } else {
      if (dml.sum(now) >= this.limits.dmlPerSecond) return `the installation sent Forge SQL's ${this.limits.dmlPerSecond} statements in the last second`;
      dml.add(now);
    }
    return undefined;
  }

  /** Records the engine's time on one of the installation's statements. */
  spent(installation: string, ms: number): void {
    this.of(installation).engineMs.add(this.now(), ms);
  }
}
