import type { ForgeApp } from '../forge-app';
import { finding, type Finding } from '../findings';
import { packageImportsOfHandlers } from './package-imports-of-handlers';

/**
 * A handler that imports `@forge/sql` in an app whose manifest declares no `sql` module has no
 * database: every statement would fail with APP_NOT_ENABLED (facts.md §13). An error at the import's line.
 */
export async function sqlModule(app: ForgeApp): Promise<Finding[]> {
  if (app.sqlModules.length > 0) return [];
  return (await packageImportsOfHandlers(app, new Set(['@forge/sql']))).map(({ file, line }) =>
    finding('SQL-MODULE-MISSING', {
      file,
      at: { line, column: 1 },
      message: `${file}:${line} imports @forge/sql, but the manifest declares no sql module: the app has no database, and every statement would fail`,
      hint: 'Add a sql module to manifest.yml: modules: { sql: [{ key: main, engine: mysql }] }.',
    }),
  );
}
