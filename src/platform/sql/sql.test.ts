/**
 * Forge SQL through the platform, driven by the unchanged @forge/sql in a handler: every answer
 * is what the package makes of the SQL service's, on a real engine (MariaDB), and one
 * installation never reaches another's database.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { APPS_DIR } from '../../../fixtures/apps';
import { callApp, expect, test } from '../../../fixtures/harness';
import { NO_MARIADB, withoutMariaDb } from '../../../fixtures/machine';
import { CONTROL_KEY_HEADER } from '../http/control-key';
import { controlKeyOf } from '../../stack/connect';
import { readStatement } from './statement';
import { MariaDbEngine } from './mariadb-engine';
import { InstallationDatabases } from './installation-databases';
import { SqlService } from './sql-service';
import { SQL_LIMITS } from './sql-request';
import { DEFAULT_PROFILE } from '../profile';
import type { Refusal } from '../http/refusal';
import { startSqlEngine } from '../../stack/sql-engine';
import { loadApp } from '../../app/load-app';
import { refusedStatement } from './statement-rules';
import { ProxyClient } from '../proxy/proxy-client';
import { harnessInvocation } from '../../stack/clients/harness-invocation';
import { PROXY_AUTHORIZATION, proxyAuthorization } from '../invocation/wire-names';
import { rawRequest } from '../../../fixtures/raw-request';

test.use({ appUnderTest: join(APPS_DIR, 'sql-probe') });

/** An engine of the test's own, stopped when the test's `await using` ends. */
async function startedEngine() {
  const engine = await new MariaDbEngine().start();
  return Object.assign(engine, { [Symbol.asyncDispose]: () => engine.stop() });
}

test.describe('on the engine', () => {
  test.skip(withoutMariaDb(), process.env[NO_MARIADB]);
  test('@forge/sql as it speaks: migrations, prepared statements, the write and query shapes, and every refusal with its code', async ({
    stack,
    tenant,
    tokenFor,
  }) => {
    test.setTimeout(60_000);
    const response = await callApp(stack, tenant, '/probe/tour', { token: await tokenFor(['read:probe:custom']) });
    expect(response.status, response.text).toBe(200);
    expect(response.json()).toEqual({
      migrated: { result: ['v1'] },
      again: { result: [] },
      insert: { result: expect.objectContaining({ affectedRows: 1, insertId: 1, fieldCount: 0 }) },
      // Dates come as the engine writes them, as strings; the columns are described in metadata.
      select: { result: { rows: [{ id: 1, body: 'hello', day: '2026-12-05' }], fields: ['id', 'body', 'day'] } },
      twoStatements: { error: 'SQL_POLICY_VIOLATION' },
      transaction: { error: 'SQL_POLICY_VIOLATION' },
      ddlThroughPrepare: { error: 'SQL_POLICY_VIOLATION' },
      foreignKey: { error: 'SQL_POLICY_VIOLATION' },
      hiddenTransaction: { error: 'SQL_POLICY_VIOLATION' },
      invalid: { error: 'INVALID_SQL_QUERY', engine: 'ER_PARSE_ERROR' },
      missingTable: { error: 'SQL_EXECUTION_ERROR', engine: 'ER_NO_SUCH_TABLE' },
      otherDatabase: { error: 'SQL_EXECUTION_ERROR', engine: 'ER_TABLEACCESS_DENIED_ERROR' },
      wordInString: { result: [{ s: 'COMMIT; DROP TABLE notes' }] },
      timedOut: { error: 'QUERY_TIMED_OUT' },
      codes: 'QUERY_TIMED_OUT',
    });
    // up's view of the installation lists its tables and their rows, behind the control key.
    const view = await fetch(`${stack.urls.proxy}/_observe/installations/${encodeURIComponent(tenant.installation.id)}/data`, {
      headers: { [CONTROL_KEY_HEADER]: controlKeyOf(stack) },
    });
    expect(((await view.json()) as { tables: unknown }).tables).toEqual([
      { name: '__migrations', rows: 1 },
      { name: 'notes', rows: 1 },
    ]);
  });
});

test.describe("a container's Forge SQL API", () => {
  test.skip(withoutMariaDb(), process.env[NO_MARIADB]);
  test("reaches the invocation's installation database, and no path but the two endpoints", async ({ stack, tenant }) => {
    const proxy = new ProxyClient(stack.urls.proxy, controlKeyOf(stack));
    const invocationFor = async (site: typeof tenant) => {
      const invocationId = randomUUID();
      await proxy.startInvocation(harnessInvocation(stack, site, invocationId, { routeKey: 'tour' }));
      return { [PROXY_AUTHORIZATION]: proxyAuthorization(invocationId), 'content-type': 'application/json' };
    };
    const headers = await invocationFor(tenant);
    const send = async (path: string, body: object, as = headers) => {
      const response = await rawRequest(stack.urls.proxy, path, as, 'POST', JSON.stringify(body));
      return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
    };
    // As Atlassian's container sample sends it: {query, params, method} to /forge/storage/sql/v1/execute.
    expect(await send('/forge/storage/sql/v1/execute/ddl', { query: 'CREATE TABLE shelf (id INT PRIMARY KEY, title VARCHAR(40))', params: [] })).toMatchObject({
      status: 200,
    });
    expect(await send('/forge/storage/sql/v1/execute', { query: 'INSERT INTO shelf VALUES (?, ?)', params: [1, 'Dune'], method: 'all' })).toMatchObject({
      status: 200,
      body: { rows: { affectedRows: 1 } },
    });
    expect(await send('/forge/storage/sql/v1/execute', { query: 'SELECT title FROM shelf WHERE id = ?', params: [1], method: 'all' })).toMatchObject({
      status: 200,
      body: { rows: [{ title: 'Dune' }], metadata: { fields: [expect.objectContaining({ name: 'title' })] } },
    });
    // The same rules as a function's: DDL only through its endpoint.
    expect(await send('/forge/storage/sql/v1/execute', { query: 'DROP TABLE shelf', params: [] })).toMatchObject({
      status: 400,
      body: { code: 'SQL_POLICY_VIOLATION' },
    });
    // Another site's installation has a database of its own, where the table does not exist.
    const other = await send(
      '/forge/storage/sql/v1/execute',
      { query: 'SELECT title FROM shelf', params: [] },
      await invocationFor(await stack.admin.createTenant()),
    );
    expect(other).toMatchObject({ status: 400, body: { code: 'SQL_EXECUTION_ERROR', debug: { code: 'ER_NO_SUCH_TABLE' } } });
    for (const path of [
      '/forge/storage/sql/v1/execute/../../../../_observe/sql',
      '/forge/storage/sql/v1/other',
      '/forge/storage/sql/v2/execute',
      '/forge/storage/sql/v1/execute?x=1',
    ]) {
      const response = await rawRequest(stack.urls.proxy, path, headers, 'POST', '{"query":"SELECT 1","params":[]}');
      expect(response.status, path).toBe(400);
    }
    // Without the invocation's authorization nothing is run.
    const anonymous = await rawRequest(
      stack.urls.proxy,
      '/forge/storage/sql/v1/execute',
      { 'content-type': 'application/json' },
      'POST',
      '{"query":"SELECT 1","params":[]}',
    );
    expect(anonymous.status).toBeGreaterThanOrEqual(400);
    expect(anonymous.status).toBeLessThan(500);
  });
});

test.describe("Forge SQL's quota and rates", () => {
  test.skip(withoutMariaDb(), process.env[NO_MARIADB]);
  test('a database over its quota takes no more writes, and takes them again once data is dropped', async () => {
    test.setTimeout(60_000);
    await using engine = await startedEngine();
    const databases = new InstallationDatabases(engine.address);
    const sql = new SqlService(DEFAULT_PROFILE, databases, { ...SQL_LIMITS, storageQuotaBytes: 512 * 1024 });
    try {
      const run = (query: string, params: (string | number)[] = [], endpoint: 'execute' | 'ddl' = 'execute') =>
        sql.run('installation-q', { endpoint, query, params }).then(
          () => 'ran',
          (e: Refusal) => `${(e.body as { code: string }).code}: ${e.reason}`,
        );
      expect(await run('CREATE TABLE blobs (id INT PRIMARY KEY AUTO_INCREMENT, body LONGTEXT)', [], 'ddl')).toBe('ran');
      for (let i = 0; i < 6; i++) expect(await run('INSERT INTO blobs (body) VALUES (?)', ['x'.repeat(100_000)])).toBe('ran');
      // The size is looked up at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await run('INSERT INTO blobs (body) VALUES (?)', ['x'])).toMatch(
        /^SQL_POLICY_VIOLATION: the database takes \d+ bytes, Forge SQL's quota is 524288/,
      );
      expect(await run('CREATE TABLE more (id INT PRIMARY KEY)', [], 'ddl')).toMatch(/^SQL_POLICY_VIOLATION/);
      expect(await run('SELECT COUNT(*) AS n FROM blobs'), 'reads go on').toBe('ran');
      expect(await run('TRUNCATE TABLE blobs', [], 'ddl'), 'space can be freed').toBe('ran');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await run('INSERT INTO blobs (body) VALUES (?)', ['x'])).toBe('ran');
    } finally {
      await sql.close();
    }
  });

  test("an installation's 26th DDL statement in a minute is refused with RATE_LIMIT_EXCEEDED, another's is not", async ({ stack, tenant }) => {
    const proxy = new ProxyClient(stack.urls.proxy, controlKeyOf(stack));
    const ddl = async (site: typeof tenant) => {
      const invocationId = randomUUID();
      await proxy.startInvocation(harnessInvocation(stack, site, invocationId, { routeKey: 'tour' }));
      const headers = { [PROXY_AUTHORIZATION]: proxyAuthorization(invocationId), 'content-type': 'application/json' };
      const body = JSON.stringify({ query: 'CREATE TABLE IF NOT EXISTS once (id INT PRIMARY KEY)', params: [] });
      const response = await rawRequest(stack.urls.proxy, '/forge/storage/sql/v1/execute/ddl', headers, 'POST', body);
      return `${response.status} ${(JSON.parse(response.body) as { code?: string }).code ?? ''}`.trim();
    };
    const answers: string[] = [];
    for (let i = 0; i < 26; i++) answers.push(await ddl(tenant));
    expect(answers.slice(0, 25)).toEqual(Array(25).fill('200'));
    expect(answers[25]).toBe('429 RATE_LIMIT_EXCEEDED');
    expect(await ddl(await stack.admin.createTenant())).toBe('200');
  });
});

test('a query is read as the engine reads it: words in literals and comments are not statements, executable comments are', () => {
  expect(readStatement("SELECT 'a;b' AS x;")).toMatchObject({ kind: 'read', statements: 1, placeholders: 0 });
  expect(readStatement('SELECT ? , `we?ird` FROM t -- trailing ?\n')).toMatchObject({ statements: 1, placeholders: 1 });
  expect(readStatement('SELECT 1; SELECT 2')).toMatchObject({ statements: 2 });
  expect(readStatement('/* COMMIT */ INSERT INTO t VALUES (1)')).toMatchObject({ kind: 'dml', words: ['INSERT', 'INTO', 'T', 'VALUES'] });
  expect(readStatement('/*!40101 COMMIT */').words).toEqual(['COMMIT']);
  expect(readStatement("SELECT 'it''s', \"a\\\"b\"")).toMatchObject({ statements: 1, words: ['SELECT'] });
});

test("Forge's statement rules: one statement, no transactions, one database, DDL through its endpoint, no foreign keys", () => {
  const refused = (query: string, endpoint: 'execute' | 'ddl' = 'execute') => refusedStatement(readStatement(query), endpoint);
  expect(refused('SELECT 1;')).toBeUndefined();
  expect(refused('CREATE TABLE t (id INT)', 'ddl')).toBeUndefined();
  expect(refused('SELECT id FROM __migrations;', 'ddl')).toBeUndefined();
  expect(refused('SELECT 1; DROP TABLE t')).toMatch(/one statement a query/);
  expect(refused('')).toMatch(/no statement/);
  for (const query of ['BEGIN', 'START TRANSACTION', 'COMMIT', 'ROLLBACK', 'SET autocommit = 0', 'LOCK TABLES t WRITE'])
    expect(refused(query), query).toMatch(/transactions/);
  expect(refused('USE other')).toMatch(/one database/);
  expect(refused('CREATE DATABASE other', 'ddl')).toMatch(/one database/);
  expect(refused('GRANT ALL ON *.* TO x')).toMatch(/not a statement Forge SQL runs/);
  expect(refused('CREATE TABLE t (id INT)')).toMatch(/executeDDL/);
  expect(refused('ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)', 'ddl')).toMatch(/foreign keys/);
  expect(refused("CREATE TABLE t (note VARCHAR(20) DEFAULT 'REFERENCES')", 'ddl')).toBeUndefined();
});

test('what MariaDB runs and TiDB does not is refused as Forge would refuse it, and nothing that only looks like it', () => {
  const refused = (query: string, endpoint: 'execute' | 'ddl' = 'ddl') => refusedStatement(readStatement(query), endpoint);
  const onTiDb = /Forge SQL runs on TiDB, which does not support it/;
  for (const query of [
    'CREATE PROCEDURE p() SELECT 1',
    'CREATE DEFINER = CURRENT_USER TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1',
    'CREATE OR REPLACE FUNCTION f() RETURNS INT RETURN 1',
    'CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM x',
    'CREATE TABLE copy AS SELECT * FROM notes',
    'CREATE TABLE notes (body TEXT, FULLTEXT (body))',
    'CREATE TABLE places (at GEOMETRY NOT NULL, SPATIAL INDEX (at))',
    'CREATE TABLE t (name VARCHAR(20) CHARACTER SET utf16)',
    'CREATE TABLE t (id INT) DEFAULT CHARSET = koi8r',
    'CREATE TABLE t (id INT) WITH SYSTEM VERSIONING',
  ])
    expect(refused(query), query).toMatch(onTiDb);
  for (const query of [
    "SELECT id FROM notes WHERE MATCH (body) AGAINST ('forge')",
    "SELECT ST_Distance(a, ST_GeomFromText('POINT(1 1)')) FROM places",
    'INSERT INTO notes (body) VALUES (?) RETURNING id',
    'SELECT * FROM notes LIMIT ROWS EXAMINED 100',
  ])
    expect(refused(query, 'execute'), query).toMatch(onTiDb);
  // Words in literals and quoted names, names that merely start like a function, and what TiDB runs.
  for (const query of [
    "CREATE TABLE t (note VARCHAR(40) DEFAULT 'FULLTEXT GEOMETRY RETURNING')",
    'CREATE TABLE t (`geometry` INT, st_address VARCHAR(80), point INT)',
    'CREATE TABLE t (id INT) DEFAULT CHARSET = utf8mb4 COLLATE utf8mb4_bin',
    'CREATE INDEX by_body ON notes (body)',
    'CREATE TABLE IF NOT EXISTS __migrations (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(255) NOT NULL)',
  ])
    expect(refused(query), query).toBeUndefined();
  expect(refused('SELECT st_address FROM t', 'execute')).toBeUndefined();
});

test('a machine without MariaDB gets one sentence saying how to get it, and the stack does not start', async () => {
  const missing = new MariaDbEngine({ binaries: { server: '/nonexistent/mariadbd', installDb: '/nonexistent/mariadb-install-db' } });
  const error = (await startSqlEngine(loadApp(join(APPS_DIR, 'ledger')), missing).catch((e: unknown) => e)) as Error;
  expect(error).toMatchObject({ name: 'StackStartError' });
  expect(error.message.split('\n')).toEqual([
    expect.stringMatching(
      /^The app declares a sql module \(main\)\. Forge SQL runs here on MariaDB: install it with `apt-get install mariadb-server` .*; this machine has no \/nonexistent\/mariadbd or \/nonexistent\/mariadb-install-db\.$/,
    ),
  ]);
});
