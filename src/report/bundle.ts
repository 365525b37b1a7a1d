import { spawnSync } from 'node:child_process';
import { basename, dirname } from 'node:path';

/** The certification bundle: one archive of the run folder, beside it (`<run>.tar.gz`). */
export function bundleRunFolder(runDir: string): string {
  const archive = `${runDir}.tar.gz`;
  const result = spawnSync('tar', ['-czf', archive, '-C', dirname(runDir), basename(runDir)], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`could not write ${archive}: ${result.error?.message ?? result.stderr.trim()} (is tar installed?)`);
  }
  return archive;
}
