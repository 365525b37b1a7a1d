import { BINARIES, serverVersion } from '../../platform/sql/mariadb-engine';
import type { ServerLauncher } from '../../platform/sql/server-process';
import { docker } from './docker';
import { ensureScratchImage } from './scratch-image';
import { GenericContainer } from './testcontainers';

/**
 * Forge SQL's engine as an image: `FROM scratch` with Debian's `mariadbd` as this machine has it
 * (from `mariadb-server`), the libraries it links, its error messages and character sets, and
 * nothing else, not even a shell. Rebuilt only when the server changes.
 */
export function ensureSqlImage(server = BINARIES.server): { tag: string; built: boolean; ms: number } {
  return ensureScratchImage({
    repository: 'forge-conformance/mariadb',
    version: serverVersion(server),
    binaries: { [server]: server },
    folders: ['/usr/share/mysql/english', '/usr/share/mysql/charsets'],
    instructions: [`ENTRYPOINT ["${server}"]`],
    kind: 'sql',
  });
}

/**
 * The containers target's launcher for the SQL engine: the server in a container of the image
 * above, started by testcontainers as the harness's own user with no network at all (it listens on
 * a socket only), its folder mounted at the same path so the engine finds its socket and log where
 * it made them. `labels` make it one of the stack's containers, removed with them.
 */
export function containerLauncher(name: string, labels: Record<string, string>): ServerLauncher {
  return {
    async launch(binary, args, home) {
      const { tag } = ensureSqlImage(binary);
      const container = await new GenericContainer(tag)
        .withName(name)
        .withNetworkMode('none')
        .withUser(`${process.getuid!()}:${process.getgid!()}`)
        .withBindMounts([{ source: home, target: home, mode: 'rw' }])
        .withCommand(args)
        .withLabels(labels)
        .start();
      const id = container.getId();
      return {
        async ended() {
          const [running, code] = docker(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', id]).trim().split(' ');
          return running === 'true' ? undefined : `exit code ${code}`;
        },
        said: async () => docker(['logs', '--tail', '20', id]),
        stop: () => container.stop({ remove: true, timeout: 10_000 }).then(() => undefined),
      };
    },
  };
}
