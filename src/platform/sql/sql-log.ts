/**
 * Every statement the platform's Forge SQL ran or refused, as evidence of what an app did with
 * its database: which invocation and installation, the statement's text (bounded) and kind, how
 * many parameters (never their values), rows returned or changed, time, and the error code.
 */
import { ServiceLog } from '../bounded-log';
import type { StatementKind } from './statement';
import type { SqlEndpoint } from './statement-rules';

export interface SqlEntry {
  at: string;
  installationId: string;
  invocationId: string | undefined;
  /** `execute` (`sql.prepare`, `executeRaw`) or `ddl` (`executeDDL`, `migrationRunner`). */
  endpoint: SqlEndpoint;
  kind: StatementKind;
  /** The statement as sent, its first 2,000 characters. */
  statement: string;
  params: number;
  /** Rows a query returned, or rows a write changed. */
  rows: number;
  durationMs: number;
  status: number;
  /** The error code the app received (`SQL_EXECUTION_ERROR`, `QUERY_TIMED_OUT`, …), when it failed. */
  code: string | undefined;
  /** Why it failed, as the app was told (its first 300 characters). */
  message?: string;
  /** The engine's own error code (`ER_NO_SUCH_TABLE`), when the engine refused. */
  engineCode?: string;
}

export class SqlLog extends ServiceLog<SqlEntry> {}
