/** SQL-STATEMENT-01, judged after the run from the SQL log (facts.md §13). */
import type { SqlEntry } from '../platform/sql/sql-log';
import { checkOutcome, type CheckOutcome } from './check-outcomes';

/**
 * The answers that say the app sent a statement Forge would not run: refused by Forge's rules
 * (its quota among them), not valid SQL, over its time limit, or over a rate. An execution error (a duplicate key, a missing row) is
 * an answer an app may expect and handle, and is not judged here; a DDL statement that fails
 * (a migration) is, since no app can go on without its schema.
 */
const NOT_RUN = new Set(['SQL_POLICY_VIOLATION', 'INVALID_SQL_QUERY', 'QUERY_TIMED_OUT', 'RATE_LIMIT_EXCEEDED']);

/**
 * One outcome for an app that declares a `sql` module or sent a statement: a failure naming the
 * first statement Forge would not have run, with its code and reason-bearing text; no evidence
 * when no call of the run sent a statement; a pass once statements ran and none was refused.
 */
export function sqlOutcomes(sqlModules: readonly string[], log: readonly SqlEntry[]): CheckOutcome[] {
  if (sqlModules.length === 0 && log.length === 0) return [];
  const name = `SQL-STATEMENT-01 ${sqlModules.length ? `sql module ${sqlModules.join(', ')}` : 'Forge SQL'}`;
  if (log.length === 0)
    return [
      checkOutcome('SQL-STATEMENT-01', {
        case: name,
        outcome: 'no-evidence',
        message: 'no call of the run sent a Forge SQL statement: add an example or scenario to conformance.yaml whose handler does',
      }),
    ];
  const refused = log.filter((e) => e.code !== undefined && (NOT_RUN.has(e.code) || e.kind === 'ddl'));
  const first = refused[0];
  return [
    checkOutcome('SQL-STATEMENT-01', {
      case: name,
      outcome: first ? 'fail' : 'pass',
      message: first
        ? `${refused.length} of ${log.length} statements were not run: ${first.code} for \`${first.statement.slice(0, 160)}\` (${first.endpoint} endpoint): ${first.message ?? ''}`
        : `${log.length} statements run, none refused`,
    }),
  ];
}
