import type { ForgeApp } from '../app/forge-app';
import { MariaDbEngine, SqlEngineUnavailable, type StartedMariaDb } from '../platform/sql/mariadb-engine';
import { StackStartError } from './stack-start-error';

/**
 * The SQL engine of a stack whose app declares a `sql` module. Where the machine cannot run it,
 * the stack does not start: a SQL app's checks would fail for a reason that is not the app's,
 * so the run says in one sentence how to get the engine and gives no verdict (never a pass).
 */
export async function startSqlEngine(app: ForgeApp, engine = new MariaDbEngine()): Promise<StartedMariaDb> {
  try {
    return await engine.start();
  } catch (error) {
    if (error instanceof SqlEngineUnavailable)
      throw new StackStartError(
        `${app.sqlModules.length === 1 ? 'The app declares a sql module' : 'The app declares sql modules'} (${app.sqlModules.join(', ')}). ${error.message}.`,
      );
    throw error;
  }
}
