/** Where an app's consumer pacts are found, for `contracts verify` and for the conformance run. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckOutcome } from '../report/check-outcomes';
import { CHECKS } from '../conformance/catalogue';
import type { InteractionVerdict } from './verify-pacts';

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

/** CONTRACT-PACT-01, one case per interaction: what a certificate says of the contracts the app honours. */
export function contractOutcomes(verdicts: readonly InteractionVerdict[]): CheckOutcome[] {
  const check = CHECKS['CONTRACT-PACT-01'];
  return verdicts.map((v) => ({
    id: 'CONTRACT-PACT-01',
    case: `CONTRACT-PACT-01 ${v.consumer}: ${v.description}`,
    title: check.title,
    clause: check.clause,
    severity: check.severity,
    outcome: v.ok ? 'pass' : 'fail',
    ...(!v.ok && { message: v.problems.join('; ') || 'the response differs from the contract' }),
  }));
}
