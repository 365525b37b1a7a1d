import type { Finding } from '../app/findings';
import type { Waiver } from '../app/conformance-file';
import type { PlatformProfile } from '../platform/profile';
import type { Target } from '../stack/stack';
import { countOutcomes, type CheckOutcome, type Outcome } from './check-outcomes';

/** summary.json: the machine-readable verdict of one conformance run. */
export interface RunSummary {
  tool: 'forge-conformance';
  version: string;
  runId: string;
  startedAt: string;
  durationMs: number;
  app: { name: string; dir: string; id: string | null; envId: string | null; manifestSha256: string };
  target: Target;
  verdict: 'conformant' | 'not-conformant';
  counts: Record<Outcome, number>;
  /** The check ids with at least one failing case, sorted. */
  failedCheckIds: string[];
  checks: CheckOutcome[];
  waivers: Waiver[];
  lint: { errors: number; warnings: number; infos: number; findings: Finding[] };
  egress: { methodCoverage: Record<string, string[]>; requests: number; refused: number };
  profile: PlatformProfile;
}

export function summarize(parts: Omit<RunSummary, 'tool' | 'verdict' | 'counts' | 'failedCheckIds'>): RunSummary {
  const failed = [...new Set(parts.checks.filter((c) => c.outcome === 'fail').map((c) => c.id))].sort();
  return {
    tool: 'forge-conformance',
    ...parts,
    verdict: failed.length === 0 ? 'conformant' : 'not-conformant',
    counts: countOutcomes(parts.checks),
    failedCheckIds: failed,
  };
}
