/**
 * The engine behind Forge SQL here: a MariaDB server (Debian's `mariadb-server`) with a data
 * directory of its own, started for a stack whose app declares a `sql` module and stopped with it
 * (facts.md §13); a child process, or a container where the target says so (server-process.ts). Built like testcontainers' containers: options, then
 * `start()` gives the started engine, whose `address` the platform's SQL service connects to.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcessLauncher, type RunningServer, type ServerLauncher } from './server-process';

/** Where the platform's SQL service reaches the engine, as its administrator. */
export interface SqlEngineAddress {
  /** The server's socket: no TCP port at all. */
  socketPath: string;
  user: string;
  password: string;
}

/** The engine cannot be started on this machine; the message is one sentence saying what to do. */
export class SqlEngineUnavailable extends Error {
  override name = 'SqlEngineUnavailable';
}

/** How to get the engine, said wherever it is missing. */
export const INSTALL_MARIADB = 'Forge SQL runs here on MariaDB: install it with `apt-get install mariadb-server` (or `npm run setup` as root)';

/** Debian's server and its data directory initialiser. */
export const BINARIES = { server: '/usr/sbin/mariadbd', installDb: '/usr/bin/mariadb-install-db' };

/** Whether this machine has the engine (tests that need it skip, saying why, where it has not). */
export const hasMariaDb = (binaries = BINARIES) => Object.values(binaries).every((file) => existsSync(file));

/**
 * Server settings, the same at initialisation and at every start (the redo log's size must
 * match). Small buffers: a stack's databases are small, and a 2-core CI machine runs several
 * stacks at once. The character set, collation and SQL mode are TiDB's defaults, which Forge SQL
 * runs on (facts.md §13).
 */
const SERVER_SETTINGS = [
  '--no-defaults',
  '--innodb-log-file-size=4M',
  '--innodb-buffer-pool-size=16M',
  '--innodb-data-file-path=ibdata1:4M:autoextend',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_bin',
  '--skip-name-resolve',
  ...(process.getuid?.() === 0 ? ['--user=root'] : []),
];
const RUNTIME_SETTINGS = [
  '--skip-log-bin',
  '--max-connections=1000',
  '--sql-mode=ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION',
  '--default-time-zone=+00:00',
  '--local-infile=0',
];

/** The server's version (e.g. `10.11.14-MariaDB-0+deb12u2`), fit for a file name or an image tag. */
export function serverVersion(server = BINARIES.server): string {
  const said = spawnSync(server, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return (said.trim().split(/\s+/)[2] ?? 'unknown').replace(/[^\w.-]/g, '_');
}

/**
 * A data directory initialised once per machine and engine version, copied for each stack: an
 * initialisation takes over a second, a copy a tenth of one. Made in a folder of its own and
 * renamed into place, so stacks starting at once never see half of one.
 */
function template(binaries: typeof BINARIES): string {
  const dir = join(tmpdir(), `forge-conformance-mariadb-${serverVersion(binaries.server)}`);
  if (existsSync(join(dir, 'mysql'))) return dir;
  const building = mkdtempSync(`${dir}-building-`);
  const made = spawnSync(binaries.installDb, [...SERVER_SETTINGS, `--datadir=${building}`, '--auth-root-authentication-method=normal', '--skip-test-db'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (made.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new SqlEngineUnavailable(`MariaDB could not initialise a data directory (${(made.stderr || made.stdout).trim().split('\n').at(-1)})`);
  }
  try {
    renameSync(building, dir);
  } catch {
    // Another stack put its template in place first: that one serves.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** What an engine is built from; each part has Debian's default where it is left out. */
export interface MariaDbEngineOptions {
  /** Where the server and its initialiser are on this machine. */
  binaries?: typeof BINARIES;
  /** How the server runs: a child process unless a target says otherwise. */
  launcher?: ServerLauncher;
}

export class MariaDbEngine {
  private readonly binaries: typeof BINARIES;
  private readonly launcher: ServerLauncher;

  constructor({ binaries = BINARIES, launcher = childProcessLauncher }: MariaDbEngineOptions = {}) {
    this.binaries = binaries;
    this.launcher = launcher;
  }

  async start(): Promise<StartedMariaDb> {
    if (!hasMariaDb(this.binaries))
      throw new SqlEngineUnavailable(
        `${INSTALL_MARIADB}; this machine has no ${Object.values(this.binaries)
          .filter((f) => !existsSync(f))
          .join(' or ')}`,
      );
    const home = mkdtempSync(join(tmpdir(), 'forge-conformance-sql-'));
    const dataDir = join(home, 'data');
    cpSync(template(this.binaries), dataDir, { recursive: true });
    // A socket only, in a folder of its own (the one a platform in a container is given): no TCP
    // port for anything on the machine to reach.
    mkdirSync(join(home, 'socket'));
    const socketPath = join(home, 'socket', 'mysqld.sock');
    const errorLog = join(home, 'error.log');
    // No file is read or written by a statement but in this empty folder (and no account may).
    const files = join(home, 'files');
    mkdirSync(files);
    mkdirSync(join(home, 'tmp'));
    let server: RunningServer | undefined;
    try {
      server = await this.launcher.launch(
        this.binaries.server,
        [
          ...SERVER_SETTINGS,
          ...RUNTIME_SETTINGS,
          `--secure-file-priv=${files}`,
          `--datadir=${dataDir}`,
          `--tmpdir=${join(home, 'tmp')}`,
          `--pid-file=${join(home, 'mysqld.pid')}`,
          `--log-error=${errorLog}`,
          '--skip-networking',
          `--socket=${socketPath}`,
        ],
        home,
      );
      const said = async () => [await server!.said(), existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''].join('\n');
      // The template's root has no password: a stack's own, random one is set before anything else can connect.
      const password = randomBytes(24).toString('base64url');
      const root = await connectWhenReady(server, socketPath, said);
      try {
        await root.query("ALTER USER 'root'@'localhost' IDENTIFIED BY ?", [password]);
        // Every other account the initialisation made (root at this host's name, at 127.0.0.1, …) goes.
        const [others] = await root.query(
          "SELECT User AS user, Host AS host FROM mysql.user WHERE NOT (User = 'root' AND Host = 'localhost') AND User <> 'mariadb.sys'",
        );
        for (const { user, host } of others as { user: string; host: string }[]) await root.query('DROP USER ?@?', [user, host]);
      } finally {
        await root.end();
      }
      return new StartedMariaDb({ socketPath, user: 'root', password }, server, home);
    } catch (error) {
      await server?.stop().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
      if (error instanceof SqlEngineUnavailable) throw error;
      throw new SqlEngineUnavailable(`MariaDB did not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Connects as the template's root once the server answers; fails with the server's last words if it ends first. */
async function connectWhenReady(server: RunningServer, socketPath: string, said: () => Promise<string>) {
  // Loaded here, not with the module: the test runner's global setup asks only whether MariaDB is installed.
  const { createConnection } = await import('mysql2/promise');
  const deadline = Date.now() + 30_000;
  let ended: string | undefined;
  for (;;) {
    try {
      return await createConnection({ socketPath, user: 'root', password: '' });
    } catch {
      ended = await server.ended();
      if (ended !== undefined || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const last = (await said())
    .split('\n')
    // The line before the server's closing "Aborting" is the one that says why.
    .filter((line) => /ERROR|Warning|error/.test(line) && !/\]\s*Aborting\s*$/.test(line))
    .at(-1);
  const why = last ? last.replace(/^.*\[(ERROR|Warning)\]\s*/, '') : ended ? `it ended (${ended})` : 'within 30 s';
  throw new SqlEngineUnavailable(`MariaDB did not start${last || ended ? ': ' : ' '}${why}`);
}

/** A running engine: where it listens, and `stop()`, which also removes its data. */
export class StartedMariaDb {
  constructor(
    readonly address: SqlEngineAddress,
    private readonly server: RunningServer,
    private readonly home: string,
  ) {}

  async stop(): Promise<void> {
    await this.server.stop();
    rmSync(this.home, { recursive: true, force: true });
  }
}
