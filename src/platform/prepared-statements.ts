/** node:sqlite statements prepared once for each SQL text, not at every call. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * `prepare(sql)` of `db`, kept: node:sqlite compiles a statement afresh at every `prepare()`, and
 * the queues' and the store's few statements run several times for every call a handler makes.
 */
export function preparedStatements(db: DatabaseSync): (sql: string) => StatementSync {
  const prepared = new Map<string, StatementSync>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}
