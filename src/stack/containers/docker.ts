import { spawnSync } from 'node:child_process';

/** Runs the docker CLI; resolves its stdout, or throws with what docker said. */
export function docker(args: string[], { input }: { input?: string } = {}): string {
  const result = spawnSync('docker', args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`docker could not be run (${result.error.message}): install it, or run scripts/setup`);
  if (result.status !== 0) throw new Error(`docker ${args[0]} failed: ${result.stderr.trim().split('\n').at(-1)}`);
  return result.stdout;
}

/** Whether a Docker engine answers; the reason when it does not. */
export function dockerEngine(): { reachable: true } | { reachable: false; reason: string } {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 5_000 });
  if (result.error) return { reachable: false, reason: `no docker client (${(result.error as NodeJS.ErrnoException).code})` };
  if (result.status !== 0) return { reachable: false, reason: `no Docker engine answers (${result.stderr.trim().split('\n').at(-1)})` };
  return { reachable: true };
}
