import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/**
 * Builds `tag` from a Dockerfile and a build context that `fill` writes into a fresh directory,
 * removed afterwards whatever happens.
 */
export function buildImage(tag: string, dockerfile: string[], fill: (context: string) => void): void {
  const context = mkdtempSync(join(tmpdir(), 'forge-conformance-image-'));
  try {
    fill(context);
    writeFileSync(join(context, 'Dockerfile'), [...dockerfile, ''].join('\n'));
    docker(['build', '--quiet', '--tag', tag, context]);
    removeEarlierBuilds(tag);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** Whether an image with this tag exists locally. */
export const imageExists = (tag: string): boolean => docker(['images', '-q', tag]).trim() !== '';

/**
 * Removes the other tags of `tag`'s repository, which are earlier builds of the same image: each
 * change would otherwise leave one behind. One still used by a container is kept.
 */
export function removeEarlierBuilds(tag: string): void {
  const repository = tag.slice(0, tag.lastIndexOf(':'));
  const earlier = docker(['images', repository, '--format', '{{.Repository}}:{{.Tag}}'])
    .split('\n')
    .filter((t) => t && t !== tag);
  for (const image of earlier) spawnSync('docker', ['rmi', image], { stdio: 'ignore' });
}
