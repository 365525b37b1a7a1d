/**
 * An error of the engine's as Forge SQL answers it: the code `@forge/sql` knows (its
 * `errorCodes`), the engine's message, and the driver's own fields under `debug`, where apps read
 * them (facts.md §13).
 */
import { Refusal } from '../http/refusal';
import type { PlatformProfile } from '../profile';
import { sqlError } from './sql-request';
import type { StatementKind } from './statement';

interface DriverError {
  code?: string;
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  message?: string;
}

/** MariaDB's "max_statement_time exceeded" (1969), MySQL's (3024), and the driver's own time-out. */
const TIMED_OUT = new Set([1969, 3024]);
const PARSE_ERROR = 1064;

export function engineRefusal(error: unknown, kind: StatementKind, limitMs: number, profile: PlatformProfile): Refusal {
  const driver = (error ?? {}) as DriverError;
  if (TIMED_OUT.has(driver.errno ?? 0) || driver.code === 'PROTOCOL_SEQUENCE_TIMEOUT')
    return sqlError(
      profile.sql.timedOut,
      `the statement ran longer than Forge SQL's ${limitMs / 1000} s for a ${kind === 'read' ? 'query' : kind === 'dml' ? 'write' : 'DDL statement'}`,
      {
        suggestion: 'Add an index for the query, or narrow it (a WHERE on an indexed column, a LIMIT).',
      },
    );
  if (driver.errno === undefined || driver.sqlState === undefined)
    // No answer from the engine at all (a lost connection): the platform's failure, never the app's.
    return new Refusal(503, `Forge SQL's engine did not answer: ${driver.message ?? String(error)}`, {
      code: 'SQL_EXECUTION_ERROR',
      message: 'the database is not available',
    });
  const debug = { code: driver.code, errno: driver.errno, sqlState: driver.sqlState, sqlMessage: driver.sqlMessage };
  const answer = driver.errno === PARSE_ERROR ? profile.sql.invalidQuery : profile.sql.executionError;
  return sqlError(answer, driver.sqlMessage ?? driver.message ?? 'the statement failed', { debug });
}
