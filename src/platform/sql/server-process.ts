/**
 * How the SQL engine's server runs. The engine (mariadb-engine.ts) prepares its data and settings
 * and a launcher runs the server on them: a child process of the platform on the embedded target,
 * a container on the containers target (src/stack/containers/sql-container.ts). Either way the
 * server's folder is the same path for the platform, so its socket and log are found there.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** A server that was launched. */
export interface RunningServer {
  /** How it ended (e.g. `exit code 1`), or undefined while it runs. */
  ended(): Promise<string | undefined>;
  /** The last of what it wrote on its own output, for saying why it did not start. */
  said(): Promise<string>;
  /** Stops it (it is given 10 s to shut down cleanly). */
  stop(): Promise<void>;
}

export interface ServerLauncher {
  /** Runs `binary` with `args`; `home` is the folder of this server's data, socket and log. */
  launch(binary: string, args: string[], home: string): Promise<RunningServer>;
}

/** The embedded target's launcher: the server as a child process of the platform. */
export const childProcessLauncher: ServerLauncher = {
  async launch(binary, args) {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    // Before its log is open, the server says why it stops on stderr.
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const running = () => child.exitCode === null && child.signalCode === null;
    return {
      ended: async () => (running() ? undefined : child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`),
      said: async () => stderr,
      async stop() {
        if (!running()) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
  },
};
