/**
 * Forge's Key-Value Store on node:sqlite: one table, every row keyed by installation (site, app
 * and environment in one id), by space (the app's keys, and secrets apart, which no query ever
 * returns) and by key. Expired rows are never seen, and are swept as they are met.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { preparedStatements } from '../prepared-statements';

/** The app's keys, its secrets apart, and the items of each custom entity apart again. */
export type Space = 'data' | 'secret' | `entity:${string}`;

export interface StoredEntry {
  key: string;
  /** The value as JSON text, exactly as the app sent it. */
  value: string;
  createdAt: number;
  updatedAt: number;
  /** Epoch milliseconds after which the key is gone, if it has a time to live. */
  expireAt: number | null;
}

export class KvsStore {
  private readonly sql: (sql: string) => StatementSync;

  constructor(
    private readonly now: () => number = Date.now,
    /** The platform's database, which the queues share (events/queue-store.ts). */
    private readonly db = new DatabaseSync(':memory:'),
  ) {
    this.sql = preparedStatements(this.db);
    this.db.exec(`CREATE TABLE IF NOT EXISTS kvs (
      installation TEXT NOT NULL, space TEXT NOT NULL, key TEXT NOT NULL,
      value TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expire_at INTEGER,
      PRIMARY KEY (installation, space, key)) WITHOUT ROWID`);
  }

  get(installation: string, space: Space, key: string): StoredEntry | undefined {
    const row = this.sql('SELECT key, value, created_at, updated_at, expire_at FROM kvs WHERE installation = ? AND space = ? AND key = ?').get(
      installation,
      space,
      key,
    ) as Row | undefined;
    if (!row) return undefined;
    if (row.expire_at !== null && row.expire_at <= this.now()) {
      this.delete(installation, space, key);
      return undefined;
    }
    return entryOf(row);
  }

  /** Writes a key; the previous entry (if any, and not expired) is returned. */
  set(installation: string, space: Space, key: string, value: string, expireAt: number | null): { previous: StoredEntry | undefined; latest: StoredEntry } {
    const previous = this.get(installation, space, key);
    const now = this.now();
    this.sql(
      `INSERT INTO kvs (installation, space, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (installation, space, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    ).run(installation, space, key, value, now, now, expireAt);
    return { previous, latest: { key, value, createdAt: previous?.createdAt ?? now, updatedAt: now, expireAt } };
  }

  /** Whether the key was there (and not expired). */
  delete(installation: string, space: Space, key: string): boolean {
    const existed = this.sql('DELETE FROM kvs WHERE installation = ? AND space = ? AND key = ? RETURNING expire_at').get(installation, space, key) as
      { expire_at: number | null } | undefined;
    return existed !== undefined && (existed.expire_at === null || existed.expire_at > this.now());
  }

  /** The app's keys (never secrets) in key order, after `after`, that begin with `prefix`; at most `limit`. */
  query(installation: string, { prefix, after, limit }: { prefix: string | undefined; after: string | undefined; limit: number }): StoredEntry[] {
    const rows = this.sql(
      `SELECT key, value, created_at, updated_at, expire_at FROM kvs
         WHERE installation = ? AND space = 'data' AND key > ? AND substr(key, 1, ?) = ? AND (expire_at IS NULL OR expire_at > ?)
         ORDER BY key LIMIT ?`,
    ).all(installation, after ?? '', prefix?.length ?? 0, prefix ?? '', this.now(), limit) as unknown as Row[];
    return rows.map(entryOf);
  }

  /** Every live entry of a space, in key order (a custom entity's items, which its queries order themselves). */
  all(installation: string, space: Space): StoredEntry[] {
    const rows = this.sql(
      'SELECT key, value, created_at, updated_at, expire_at FROM kvs WHERE installation = ? AND space = ? AND (expire_at IS NULL OR expire_at > ?) ORDER BY key',
    ).all(installation, space, this.now()) as unknown as Row[];
    return rows.map(entryOf);
  }

  /** An installation's live entries of every space, by space, in key order (for `up`'s view of its data). */
  ofInstallation(installation: string): { space: Space; entry: StoredEntry }[] {
    const rows = this.sql(
      'SELECT space, key, value, created_at, updated_at, expire_at FROM kvs WHERE installation = ? AND (expire_at IS NULL OR expire_at > ?) ORDER BY space, key',
    ).all(installation, this.now()) as unknown as (Row & { space: Space })[];
    return rows.map((row) => ({ space: row.space, entry: entryOf(row) }));
  }

  /** Runs `work` all or nothing: a refusal thrown inside leaves the store as it was. */
  atomically<T>(work: () => T): T {
    this.db.exec('BEGIN');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

const entryOf = (row: Row): StoredEntry => ({ key: row.key, value: row.value, createdAt: row.created_at, updatedAt: row.updated_at, expireAt: row.expire_at });
