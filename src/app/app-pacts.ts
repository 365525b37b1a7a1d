/** Where an app's consumer pacts are found, for `contracts verify` and for the conformance run's CONTRACT-PACT-01 cases. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The app's own pact folder: `contracts/pacts/`, or else `pacts/`, when it has one. */
export const appPactSources = (appDir: string): string[] =>
  [join(appDir, 'contracts/pacts'), join(appDir, 'pacts')].filter((dir) => existsSync(dir)).slice(0, 1);

/** The pact files of some sources: files as named, folders as their `*.json`, in name order. */
export function pactFilesOf(sources: readonly string[]): string[] {
  return sources.flatMap((source) =>
    statSync(source).isDirectory()
      ? readdirSync(source)
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join(source, f))
      : [source],
  );
}
