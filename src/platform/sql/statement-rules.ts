/**
 * The statements Forge SQL refuses before they reach the engine (facts.md §13), one small rule
 * each, in order; the first that objects names the reason. What the engine refuses by itself
 * (another database's tables, files, accounts: an installation's account may touch only its own
 * database) is the engine's to say.
 */
import type { Statement } from './statement';
import { TIDB_RULES } from './tidb-compatibility';

/** Which endpoint the statement came to: `executeDDL` (and `migrationRunner`) use `ddl`. */
export type SqlEndpoint = 'execute' | 'ddl';

export type StatementRule = (statement: Statement, endpoint: SqlEndpoint) => string | undefined;

const TRANSACTION_WORDS = new Set(['BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'XA', 'LOCK', 'UNLOCK']);

const oneStatement: StatementRule = ({ statements }) =>
  statements > 1
    ? `the query holds ${statements} statements: Forge SQL runs one statement a query`
    : statements === 0
      ? 'the query holds no statement'
      : undefined;

const noTransactions: StatementRule = ({ words }) =>
  TRANSACTION_WORDS.has(words[0]!) || (words[0] === 'SET' && (words.includes('AUTOCOMMIT') || words.includes('TRANSACTION')))
    ? `${words[0]} is refused: Forge SQL does not support transactions (each statement commits on its own)`
    : undefined;

const oneDatabase: StatementRule = ({ words }) =>
  words[0] === 'USE' || ((words[0] === 'CREATE' || words[0] === 'DROP' || words[0] === 'ALTER') && (words[1] === 'DATABASE' || words[1] === 'SCHEMA'))
    ? 'an installation has one database, its own: no statement may create, drop or switch databases'
    : undefined;

const knownKind: StatementRule = ({ kind, words }) =>
  kind === 'other' ? `${words[0] ?? 'this statement'} is not a statement Forge SQL runs (queries, INSERT/UPDATE/DELETE, and DDL only)` : undefined;

const ddlThroughItsEndpoint: StatementRule = ({ kind, words }, endpoint) =>
  kind === 'ddl' && endpoint === 'execute' ? `${words[0]} is DDL: run it with sql.executeDDL or migrationRunner, not sql.prepare` : undefined;

const noForeignKeys: StatementRule = ({ kind, words }) =>
  kind === 'ddl' && (words.some((w, i) => w === 'FOREIGN' && words[i + 1] === 'KEY') || words.includes('REFERENCES'))
    ? 'foreign keys are refused: Forge SQL does not support them'
    : undefined;

const RULES: readonly StatementRule[] = [oneStatement, noTransactions, oneDatabase, knownKind, ddlThroughItsEndpoint, noForeignKeys, ...TIDB_RULES];

/** Why Forge SQL refuses the statement, or undefined when it goes to the engine. */
export function refusedStatement(statement: Statement, endpoint: SqlEndpoint): string | undefined {
  for (const rule of RULES) {
    const reason = rule(statement, endpoint);
    if (reason) return reason;
  }
  return undefined;
}
