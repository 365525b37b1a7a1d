/**
 * The engine behind Forge SQL here: a MariaDB server (Debian's `mariadb-server`) as a child
 * process with a data directory of its own, started for a stack whose app declares a `sql`
 * module and stopped with it (facts.md §13). Built like testcontainers' containers: options, then
 * `start()` gives the started engine, whose `address` the platform's SQL service connects to.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

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
const BINARIES = { server: '/usr/sbin/mariadbd', installDb: '/usr/bin/mariadb-install-db' };

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

/**
 * A data directory initialised once per machine and engine version, copied for each stack: an
 * initialisation takes over a second, a copy a tenth of one. Made in a folder of its own and
 * renamed into place, so stacks starting at once never see half of one.
 */
function template(binaries: typeof BINARIES): string {
  const version = spawnSync(binaries.server, ['--version'], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[2] ?? 'unknown';
  const dir = join(tmpdir(), `forge-conformance-mariadb-${version.replace(/[^\w.-]/g, '_')}`);
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

export class MariaDbEngine {
  /** `binaries`: where the server and its initialiser are (Debian's places unless a test says otherwise). */
  constructor(private readonly binaries = BINARIES) {}

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
    const socketPath = join(home, 'mysqld.sock');
    // A socket only, in a folder of this stack's: no TCP port for anything on the machine to reach.
    const listen = ['--skip-networking', `--socket=${socketPath}`];
    const errorLog = join(home, 'error.log');
    // No file is read or written by a statement but in this empty folder (and no account may).
    const files = join(home, 'files');
    mkdirSync(files);
    const child = spawn(
      this.binaries.server,
      [
        ...SERVER_SETTINGS,
        ...RUNTIME_SETTINGS,
        `--secure-file-priv=${files}`,
        `--datadir=${dataDir}`,
        `--pid-file=${join(home, 'mysqld.pid')}`,
        `--log-error=${errorLog}`,
        ...listen,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // Before its log is open, the server says why it stops on stderr.
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const started = new StartedMariaDb(child, home);
    try {
      // The template's root has no password: a stack's own, random one is set before anything else can connect.
      const password = randomBytes(24).toString('base64url');
      const root = await connectWhenReady(child, socketPath, () => [stderr, existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''].join('\n'));
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
      started.address = { socketPath, user: 'root', password };
      return started;
    } catch (error) {
      await started.stop();
      throw error;
    }
  }
}

/** Connects as the template's root once the server answers; fails with the server's last words if it exits first. */
async function connectWhenReady(child: ChildProcess, socketPath: string, said: () => string) {
  const exited = once(child, 'exit');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      return await createConnection({ socketPath, user: 'root', password: '' });
    } catch {
      if (Date.now() > deadline) break;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), exited]);
    }
  }
  const last = said()
    .split('\n')
    .filter((line) => /ERROR|Warning|error/.test(line))
    .at(-1);
  throw new SqlEngineUnavailable(`MariaDB did not start${last ? `: ${last.replace(/^.*\[(ERROR|Warning)\]\s*/, '')}` : ' within 30 s'}`);
}

/** A running engine: where it listens, and `stop()`, which also removes its data. */
export class StartedMariaDb {
  address!: SqlEngineAddress;

  constructor(
    private readonly child: ChildProcess,
    private readonly home: string,
  ) {}

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}
