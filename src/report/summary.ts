import type { Finding } from '../app/findings';
import type { ForgePackage } from '../app/forge-runtime-packages';
import type { Waiver } from '../app/conformance-file';
import type { PlatformProfile } from '../platform/profile';
import type { StackTarget } from '../stack/stack';
import { countOutcomes, type CheckOutcome, type Outcome } from './check-outcomes';
import type { RouteCoverage } from './route-coverage';
import type { RunsOnAtlassian } from './runs-on-atlassian';
import type { Screenshots } from './screenshots';
import type { MutationScore } from './mutation-score';

/**
 * `conformant`: every failure-severity check ran on evidence and passed, and every route reached
 * a 2xx (or the gap is waived). `not-conformant`: a check failed. `partial`: the run was
 * restricted (--grep, a shard), so it cannot speak for the app. `incomplete`: nothing failed, but
 * evidence is missing.
 */
export type Verdict = 'conformant' | 'not-conformant' | 'partial' | 'incomplete';

/** summary.json: the machine-readable verdict of one conformance run. */
/** A platform service the app used: which of its APIs, how many calls, how many refused (a missing key is an answer, not a refusal). */
export interface PlatformServiceUse {
  service: 'storage' | 'events' | 'sql';
  apis: string[];
  calls: number;
  refused: number;
}

/** A variable as reports name it: its name, and whether it is a secret. Never its value. */
export interface VariableName {
  name: string;
  encrypted: boolean;
  /** An encrypted one: whether responses were searched for its value (false when it is too short to tell from ordinary text). */
  searched?: boolean;
}

export interface RunSummary {
  tool: 'forge-conformance';
  version: string;
  runId: string;
  startedAt: string;
  durationMs: number;
  app: { name: string; dir: string; id: string | null; envId: string | null; manifestSha256: string };
  target: StackTarget;
  /** The `@forge/*` packages the handlers ran with: version, and whether the app's own copy or the harness's. */
  forgePackages: ForgePackage[];
  /** The app environment's variables the handlers ran with: names only, never a value. */
  variables: VariableName[];
  /** The platform services the app's handlers called during the run. */
  platformServices: PlatformServiceUse[];
  verdict: Verdict;
  /** How the run was restricted (`--grep APIROUTE-SCOPE`), or null for a full run. */
  partial: string | null;
  counts: Record<Outcome, number>;
  /** The check ids with at least one failing case, sorted. */
  failedCheckIds: string[];
  /** What evidence is missing, one sentence each: why the verdict is `incomplete`. */
  missingEvidence: string[];
  checks: CheckOutcome[];
  /** Per route: whether it reached a 2xx, how its handler answered, its checks and its egress. */
  coverage: RouteCoverage[];
  waivers: Waiver[];
  lint: { errors: number; warnings: number; infos: number; findings: Finding[] };
  /** Per host, the methods the proxy forwarded (`methodCoverage`) and those conformance.yaml's `egress:` expects (`expected`). */
  egress: { methodCoverage: Record<string, string[]>; expected?: Record<string, string[]>; requests: number; refused: number };
  /** Runs on Atlassian eligibility, from the manifest and the run's traffic. */
  runsOnAtlassian: RunsOnAtlassian;
  /** The consent screen and the Connected apps page, as the run saw them in Chromium (screenshots/), or why not. */
  screenshots: Screenshots;
  profile: PlatformProfile;
  /** What `certify --mutants` measured of the app's own suite; absent from every other run. */
  mutation?: MutationScore;
}

type SummaryParts = Omit<RunSummary, 'tool' | 'verdict' | 'counts' | 'failedCheckIds' | 'missingEvidence'>;

export function summarize(parts: SummaryParts): RunSummary {
  const failed = [...new Set(parts.checks.filter((c) => c.outcome === 'fail').map((c) => c.id))].sort();
  const missingEvidence = parts.checks
    .filter((c) => (c.outcome === 'no-evidence' && c.severity === 'failure') || (c.id === 'APIROUTE-COVERAGE-01' && c.outcome === 'warn'))
    .map((c) => `${c.case}: ${c.message}`);
  const verdict: Verdict = failed.length ? 'not-conformant' : parts.partial ? 'partial' : missingEvidence.length ? 'incomplete' : 'conformant';
  return { tool: 'forge-conformance', ...parts, verdict, counts: countOutcomes(parts.checks), failedCheckIds: failed, missingEvidence };
}
