/**
 * The platform's Forge SQL: each statement of an installation run on that installation's own
 * database of a real engine (MariaDB), after Forge's rules, under its kind's time limit, and
 * answered as `@forge/sql` reads it: `{rows, metadata}`, rows a list for a query and the driver's
 * `UpdateQueryResponse` for a write (facts.md §13). Held by the egress proxy's process, which
 * serves a call once it has checked the live invocation: the installation is the one the proxy
 * found, never one the app names.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FieldPacket, ResultSetHeader } from 'mysql2';
import { Refusal } from '../http/refusal';
import { sendJson } from '../http/respond';
import type { PlatformProfile } from '../profile';
import { engineRefusal } from './engine-errors';
import type { InstallationDatabases } from './installation-databases';
import { SqlLog, type SqlEntry } from './sql-log';
import { readSqlRequest, SQL_LIMITS, sqlError, type SqlLimits, type SqlRequest } from './sql-request';
import { SqlRates } from './sql-rates';
import { readStatement } from './statement';
import { refusedStatement } from './statement-rules';

export interface SqlCaller {
  installationId: string;
  invocationId: string;
}

/** A column as the driver describes it: what `metadata.fields` carries. */
const fieldOf = (f: FieldPacket) => ({
  catalog: f.catalog,
  name: f.name,
  schema: f.schema,
  characterSet: f.characterSet,
  decimals: f.decimals,
  table: f.table,
  orgTable: f.orgTable,
  orgName: f.orgName,
  flags: f.flags,
  columnType: f.columnType ?? f.type,
  columnLength: f.columnLength ?? f.length,
});

/** A write's result as `@forge/sql`'s `UpdateQueryResponse` (plus the driver's changedRows). */
const updateOf = (h: ResultSetHeader) => ({
  fieldCount: h.fieldCount,
  affectedRows: h.affectedRows,
  insertId: h.insertId,
  info: h.info,
  serverStatus: h.serverStatus,
  warningStatus: h.warningStatus,
  changedRows: h.changedRows,
});

/** What an answer's `metadata` carries. */
export interface SqlMetadata {
  dbExecutionTime: number;
  responseSize: number;
  fields?: ReturnType<typeof fieldOf>[];
}

/** Statements that free space, which an installation over its quota may still run. */
const FREES_SPACE = new Set(['DELETE', 'DROP', 'TRUNCATE']);

export class SqlService {
  readonly log = new SqlLog();
  private readonly rates: SqlRates;
  /** Each installation's size, looked up at most once a second (a lookup reads the engine's tablespaces). */
  private readonly sizes = new Map<string, { at: number; bytes: number }>();

  /** `limits`: Forge SQL's (a test gives smaller ones). */
  constructor(
    private readonly profile: PlatformProfile,
    readonly databases: InstallationDatabases,
    private readonly limits: SqlLimits = SQL_LIMITS,
  ) {
    this.rates = new SqlRates(limits.rates);
  }

  /** Serves one statement and records it, run or refused; a refusal is thrown for the proxy to answer. */
  async serve(path: string, request: IncomingMessage, response: ServerResponse, caller: SqlCaller): Promise<{ status: number }> {
    const started = performance.now();
    const sent = await readSqlRequest(path, request, this.profile);
    const statement = readStatement(sent.query);
    const entry: Omit<SqlEntry, 'at' | 'rows' | 'durationMs' | 'status' | 'code'> = {
      installationId: caller.installationId,
      invocationId: caller.invocationId,
      endpoint: sent.endpoint,
      kind: statement.kind,
      statement: sent.query.slice(0, 2000),
      params: sent.params.length,
    };
    try {
      const overRate = this.rates.admit(caller.installationId, statement.kind);
      if (overRate) throw sqlError(this.profile.sql.rateLimited, overRate);
      const { answer, counted } = await this.run(caller.installationId, sent);
      this.rates.spent(caller.installationId, answer.metadata.dbExecutionTime);
      sendJson(response, 200, answer);
      this.log.record({ ...entry, rows: counted, durationMs: answer.metadata.dbExecutionTime, status: 200, code: undefined });
      return { status: 200 };
    } catch (error) {
      const refusal = error as Refusal;
      const body = refusal.body as { code?: string; debug?: { code?: string } };
      // A statement that failed or was stopped took the engine's time too; one over a rate never reached it.
      if (body.code !== this.profile.sql.rateLimited.code) this.rates.spent(caller.installationId, performance.now() - started);
      this.log.record({
        ...entry,
        rows: 0,
        durationMs: Math.round(performance.now() - started),
        status: refusal.status,
        code: typeof body.code === 'string' ? body.code : undefined,
        message: refusal.reason.slice(0, 300),
        ...(body.debug?.code && { engineCode: body.debug.code }),
      });
      throw refusal;
    }
  }

  /**
   * Runs one statement on the installation's database after Forge's rules, under its kind's time
   * limit: the answer `@forge/sql` reads, or a Refusal with its code. Not logged: `serve` logs the
   * app's statements, and a seed file's (`up --seed`) are the harness's.
   */
  async run(installation: string, { endpoint, query, params }: SqlRequest): Promise<{ answer: { rows: unknown; metadata: SqlMetadata }; counted: number }> {
    const started = performance.now();
    const statement = readStatement(query);
    const limitMs = this.limits.timeLimitMs[statement.kind];
    try {
      const refused = refusedStatement(statement, endpoint);
      if (refused) throw sqlError(this.profile.sql.refused, refused);
      const pool = await this.databases.pool(installation);
      if (statement.words[0] === 'CREATE' && statement.words.includes('TABLE') && (await this.databases.tableCount(installation)) >= this.limits.tables)
        throw sqlError(this.profile.sql.refused, `the database already holds Forge SQL's ${this.limits.tables} tables`);
      if ((statement.kind === 'dml' || statement.kind === 'ddl') && !FREES_SPACE.has(statement.words[0]!)) {
        const bytes = await this.sizeOf(installation);
        if (bytes >= this.limits.storageQuotaBytes)
          throw sqlError(
            this.profile.sql.refused,
            `the database takes ${bytes} bytes, Forge SQL's quota is ${this.limits.storageQuotaBytes} (development): delete or drop data first`,
          );
      }
      // The engine stops the statement at its kind's limit; the driver's own time-out is the backstop.
      const options = { sql: `SET STATEMENT max_statement_time=${limitMs / 1000} FOR ${query}`, timeout: limitMs + 2_000 };
      const [result, fields] = await (params.length ? pool.execute(options, params) : pool.query(options));
      const rows = Array.isArray(result) ? result : updateOf(result as ResultSetHeader);
      const responseSize = Buffer.byteLength(JSON.stringify(rows));
      if (responseSize > this.limits.responseBytes)
        throw sqlError(this.profile.sql.executionError, `the result is over Forge SQL's ${this.limits.responseBytes} bytes: page through it with LIMIT`);
      const metadata = {
        dbExecutionTime: Math.round(performance.now() - started),
        responseSize,
        ...(Array.isArray(fields) && { fields: fields.map(fieldOf) }),
      };
      return { answer: { rows, metadata }, counted: Array.isArray(result) ? result.length : (result as ResultSetHeader).affectedRows };
    } catch (error) {
      throw error instanceof Refusal ? error : engineRefusal(error, statement.kind, limitMs, this.profile);
    }
  }

  private async sizeOf(installation: string): Promise<number> {
    const known = this.sizes.get(installation);
    if (known && performance.now() - known.at < 1_000) return known.bytes;
    const bytes = await this.databases.sizeBytes(installation);
    this.sizes.set(installation, { at: performance.now(), bytes });
    return bytes;
  }

  statements(invocationId?: string): SqlEntry[] {
    return this.log.query({ invocationId });
  }

  close(): Promise<void> {
    return this.databases.close();
  }
}
