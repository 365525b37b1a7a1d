/**
 * One database per installation, and one account that may use only it (facts.md §13): the
 * engine itself keeps an installation from another's tables, whatever a statement names. Both
 * are made on the installation's first statement; each installation's connections are a small
 * pool that lets idle connections go, since a run makes an installation per case.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createPool, type Pool } from 'mysql2/promise';
import type { SqlEngineAddress } from './mariadb-engine';

/** An installation's database (and account) name: a hash, so no installation id is ever spliced into SQL. */
export const databaseOf = (installation: string) => `forge_${createHash('sha256').update(installation).digest('hex').slice(0, 24)}`;

/** What an installation's account may do in its own database: no locks, routines, triggers, events or files. */
const PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, CREATE VIEW, SHOW VIEW';

/** Where installation accounts connect from: the engine's socket is `localhost`. */
const ACCOUNT_HOST = 'localhost';

const POOL_SETTINGS = {
  connectionLimit: 4,
  maxIdle: 1,
  idleTimeout: 10_000,
  // Dates as the engine writes them, and the server's UTC: what a handler reads does not depend on this machine's zone.
  dateStrings: true,
  timezone: 'Z',
  multipleStatements: false,
} as const;

export class InstallationDatabases {
  private readonly pools = new Map<string, Promise<Pool>>();
  private readonly admin: Pool;

  constructor(private readonly engine: SqlEngineAddress) {
    this.admin = createPool({ ...engine, ...POOL_SETTINGS, connectionLimit: 2 });
  }

  /** The installation's pool, its database and account made first if this is its first statement. */
  pool(installation: string): Promise<Pool> {
    let pool = this.pools.get(installation);
    if (!pool) {
      pool = this.provision(installation);
      // A failed provisioning is tried again by the next statement, not remembered.
      pool.catch(() => this.pools.delete(installation));
      this.pools.set(installation, pool);
    }
    return pool;
  }

  private async provision(installation: string): Promise<Pool> {
    const name = databaseOf(installation);
    const password = randomBytes(18).toString('base64url');
    await this.admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
    await this.admin.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 8', [name, ACCOUNT_HOST, password]);
    await this.admin.query('ALTER USER ?@? IDENTIFIED BY ?', [name, ACCOUNT_HOST, password]);
    await this.admin.query(`GRANT ${PRIVILEGES} ON \`${name}\`.* TO ?@?`, [name, ACCOUNT_HOST]);
    return createPool({ ...this.engine, ...POOL_SETTINGS, user: name, password, database: name });
  }

  /** The installation's tables and how many rows each holds, for `up`'s view (none: it never ran a statement). */
  async tables(installation: string): Promise<{ name: string; rows: number }[]> {
    const [rows] = await this.admin.query('SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [databaseOf(installation)]);
    // Sorted here, by code point: information_schema's own order depends on its collation.
    const names = (rows as { name: string }[]).map((r) => r.name).sort();
    const counted = [];
    for (const name of names) {
      const [count] = await this.admin.query(`SELECT COUNT(*) AS n FROM \`${databaseOf(installation)}\`.\`${name.replace(/`/g, '``')}\``);
      counted.push({ name, rows: Number((count as { n: number }[])[0]!.n) });
    }
    return counted;
  }

  /** How many tables the installation's database holds (Forge's limit counts them). */
  async tableCount(installation: string): Promise<number> {
    const [rows] = await this.admin.query('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [databaseOf(installation)]);
    return Number((rows as { n: number }[])[0]!.n);
  }

  /** The bytes the installation's tables take on disk, as the engine's tablespaces say. */
  async sizeBytes(installation: string): Promise<number> {
    const [rows] = await this.admin.query('SELECT COALESCE(SUM(FILE_SIZE), 0) AS bytes FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME LIKE ?', [
      // Tablespaces are named database/table; `_` is a LIKE wildcard, so it is escaped.
      `${databaseOf(installation).replace(/_/g, '\\_')}/%`,
    ]);
    return Number((rows as { bytes: string | number }[])[0]!.bytes);
  }

  async close(): Promise<void> {
    const pools = await Promise.allSettled(this.pools.values());
    await Promise.allSettled([...pools.flatMap((p) => (p.status === 'fulfilled' ? [p.value.end()] : [])), this.admin.end()]);
  }
}
