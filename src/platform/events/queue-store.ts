/**
 * The queues of every installation, durable in the platform's node:sqlite database (beside the
 * Key-Value Store): each event a row, from its push to its last delivery. Delivery reads what is
 * due; a job's stats and a cancel read and change its rows.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { preparedStatements } from '../prepared-statements';
import type { PushedEvent } from './push-request';

export type EventState = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Where an event came from: the installation, and what a consumer's invocation needs of it. */
export interface EventOrigin {
  installationId: string;
  cloudId: string;
  product: string;
  /** The first invocation of the chain that pushed it (the cyclic invocation limit counts per chain). */
  chainId: string;
}

export interface QueuedEvent extends EventOrigin {
  eventId: string;
  queue: string;
  jobId: string;
  body: Record<string, unknown>;
  delayInSeconds: number;
  concurrency: { key: string; limit: number } | undefined;
  state: EventState;
  /** Deliveries so far. */
  attempts: number;
  retryReason: string | undefined;
  retryData: unknown;
  lastError: string | undefined;
}

export interface JobStats {
  success: number;
  inProgress: number;
  failed: number;
}

interface Row {
  event_id: string;
  installation: string;
  queue: string;
  job_id: string;
  body: string;
  delay_s: number;
  concurrency_key: string | null;
  concurrency_limit: number | null;
  state: EventState;
  attempts: number;
  retry_reason: string | null;
  retry_data: string | null;
  last_error: string | null;
  cloud_id: string;
  product: string;
  chain_id: string;
}

const eventOf = (row: Row): QueuedEvent => ({
  eventId: row.event_id,
  installationId: row.installation,
  queue: row.queue,
  jobId: row.job_id,
  body: JSON.parse(row.body) as Record<string, unknown>,
  delayInSeconds: row.delay_s,
  concurrency: row.concurrency_key === null ? undefined : { key: row.concurrency_key, limit: row.concurrency_limit ?? 1 },
  state: row.state,
  attempts: row.attempts,
  retryReason: row.retry_reason ?? undefined,
  retryData: row.retry_data === null ? undefined : (JSON.parse(row.retry_data) as unknown),
  lastError: row.last_error ?? undefined,
  cloudId: row.cloud_id,
  product: row.product,
  chainId: row.chain_id,
});

export class QueueStore {
  private readonly sql: (sql: string) => StatementSync;

  constructor(db: DatabaseSync) {
    this.sql = preparedStatements(db);
    db.exec(`CREATE TABLE IF NOT EXISTS queued_events (
      event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, installation TEXT NOT NULL, queue TEXT NOT NULL, job_id TEXT NOT NULL,
      body TEXT NOT NULL, delay_s REAL NOT NULL, concurrency_key TEXT, concurrency_limit INTEGER,
      state TEXT NOT NULL, due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      retry_reason TEXT, retry_data TEXT, last_error TEXT,
      cloud_id TEXT NOT NULL, product TEXT NOT NULL, chain_id TEXT NOT NULL)`);
    db.exec('CREATE INDEX IF NOT EXISTS queued_events_due ON queued_events (state, due_at, seq)');
    db.exec('CREATE INDEX IF NOT EXISTS queued_events_job ON queued_events (installation, queue, job_id)');
  }

  private seq = 0;

  /** Queues a push's events, each due after its delay; their ids, in order. */
  push(origin: EventOrigin, queue: string, jobId: string, events: readonly PushedEvent[], dueAt: (event: PushedEvent) => number): string[] {
    const insert = this.sql(
      `INSERT INTO queued_events (event_id, seq, installation, queue, job_id, body, delay_s, concurrency_key, concurrency_limit, state, due_at, cloud_id, product, chain_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
    );
    return events.map((event) => {
      const eventId = crypto.randomUUID();
      insert.run(
        eventId,
        ++this.seq,
        origin.installationId,
        queue,
        jobId,
        JSON.stringify(event.body),
        event.delayInSeconds,
        event.concurrency?.key ?? null,
        event.concurrency?.limit ?? null,
        dueAt(event),
        origin.cloudId,
        origin.product,
        origin.chainId,
      );
      return eventId;
    });
  }

  /** Pending events due by `now`, oldest first, that their concurrency key lets run now. */
  due(now: number, max: number): QueuedEvent[] {
    const rows = this.sql("SELECT * FROM queued_events WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, seq LIMIT 500").all(now) as unknown as Row[];
    // Only events with a concurrency key wait for others of their key: without one among them, nothing running matters.
    if (!rows.some((row) => row.concurrency_key !== null)) return rows.slice(0, max).map(eventOf);
    const running = this.sql(
      "SELECT installation, queue, concurrency_key AS key, COUNT(*) AS n FROM queued_events WHERE state = 'running' AND concurrency_key IS NOT NULL GROUP BY 1, 2, 3",
    ).all() as {
      installation: string;
      queue: string;
      key: string;
      n: number;
    }[];
    const busy = new Map(running.map((r) => [`${r.installation} ${r.queue} ${r.key}`, r.n]));
    const picked: QueuedEvent[] = [];
    for (const row of rows) {
      if (picked.length >= max) break;
      if (row.concurrency_key !== null) {
        const slot = `${row.installation} ${row.queue} ${row.concurrency_key}`;
        const n = busy.get(slot) ?? 0;
        if (n >= (row.concurrency_limit ?? 1)) continue;
        busy.set(slot, n + 1);
      }
      picked.push(eventOf(row));
    }
    return picked;
  }

  /** When the next pending event falls due, if any is pending. */
  nextDueAt(): number | undefined {
    const row = this.sql("SELECT MIN(due_at) AS at FROM queued_events WHERE state = 'pending'").get() as { at: number | null };
    return row.at ?? undefined;
  }

  /** Whether any event is still to be delivered or being delivered. */
  unsettled(): number {
    return (this.sql("SELECT COUNT(*) AS n FROM queued_events WHERE state IN ('pending', 'running')").get() as { n: number }).n;
  }

  /** Events still to be delivered or being delivered, by installation and queue. */
  unsettledByQueue(): { installation: string; queue: string; n: number }[] {
    return this.sql("SELECT installation, queue, COUNT(*) AS n FROM queued_events WHERE state IN ('pending', 'running') GROUP BY 1, 2").all() as {
      installation: string;
      queue: string;
      n: number;
    }[];
  }

  started(eventId: string): void {
    this.sql("UPDATE queued_events SET state = 'running', attempts = attempts + 1 WHERE event_id = ?").run(eventId);
  }

  succeeded(eventId: string): void {
    this.sql("UPDATE queued_events SET state = 'succeeded' WHERE event_id = ? AND state = 'running'").run(eventId);
  }

  /** Back to pending, due again at `dueAt`, with what the next delivery's retryContext says. */
  retry(eventId: string, dueAt: number, retry: { reason: string; data: unknown; error: string | undefined }): void {
    this.sql(
      "UPDATE queued_events SET state = 'pending', due_at = ?, retry_reason = ?, retry_data = ?, last_error = ? WHERE event_id = ? AND state = 'running'",
    ).run(dueAt, retry.reason, retry.data === undefined ? null : JSON.stringify(retry.data), retry.error ?? null, eventId);
  }

  failed(eventId: string, error: string): void {
    this.sql("UPDATE queued_events SET state = 'failed', last_error = ? WHERE event_id = ?").run(error, eventId);
  }

  /** A job's counts, or undefined when the installation has no such job on that queue. */
  stats(installation: string, queue: string, jobId: string): JobStats | undefined {
    const rows = this.sql('SELECT state, COUNT(*) AS n FROM queued_events WHERE installation = ? AND queue = ? AND job_id = ? GROUP BY state').all(
      installation,
      queue,
      jobId,
    ) as { state: EventState; n: number }[];
    if (rows.length === 0) return undefined;
    const count = (...states: EventState[]) => rows.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + r.n, 0);
    return { success: count('succeeded'), inProgress: count('pending', 'running'), failed: count('failed') };
  }

  /** Cancels a job's events not yet delivered; false when there is no such job. */
  cancel(installation: string, queue: string, jobId: string): boolean {
    if (!this.stats(installation, queue, jobId)) return false;
    this.sql("UPDATE queued_events SET state = 'cancelled' WHERE installation = ? AND queue = ? AND job_id = ? AND state = 'pending'").run(
      installation,
      queue,
      jobId,
    );
    return true;
  }

  /** An installation's events, newest first (for `up`'s view and tests). */
  ofInstallation(installation: string, limit = 200): QueuedEvent[] {
    return (this.sql('SELECT * FROM queued_events WHERE installation = ? ORDER BY seq DESC LIMIT ?').all(installation, limit) as unknown as Row[]).map(eventOf);
  }
}
