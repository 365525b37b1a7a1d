/**
 * A run folder from what a run observed: summary.json, the certificate (Markdown and HTML), the
 * scope-mapping document, and the observations themselves (traffic.json, calls.json) so that
 * shards of one run can be merged into the folder the unsharded run would have written.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Waiver } from '../app/conformance-file';
import { countBySeverity, type Finding } from '../app/findings';
import type { ForgeApp } from '../app/forge-app';
import type { ForgePackage } from '../app/forge-runtime-packages';
import { scopeMapping, scopeMappingMarkdown } from '../app/scope-mapping';
import type { CallObservation } from '../platform/gateway/observation-log';
import type { PlatformProfile } from '../platform/profile';
import type { EventEntry } from '../platform/events/event-log';
import type { SqlEntry } from '../platform/sql/sql-log';
import type { StorageEntry } from '../platform/storage/storage-log';
import { methodCoverage, type TrafficEntry } from '../platform/proxy/traffic-log';
import { certificateHtml, certificateMarkdown } from '../report/certificate';
import { eventOutcomes } from '../report/event-outcomes';
import { secretOutcomes } from '../report/secret-outcomes';
import { sqlOutcomes } from '../report/sql-outcomes';
import { checkOutcome, type CheckOutcome } from '../report/check-outcomes';
import { coverageOutcomes, routeCoverage } from '../report/route-coverage';
import { egressCoverageOutcomes } from '../report/egress-coverage';
import { runsOnAtlassian } from '../report/runs-on-atlassian';
import { inlinePng, screenshotsIn } from '../report/screenshots';
import { summarize, type PlatformServiceUse, type RunSummary, type VariableName } from '../report/summary';
import type { StackTarget } from '../stack/stack';

/** Everything a run's verdict and reports are made from. */
export interface RunEvidence {
  app: ForgeApp;
  runId: string;
  version: string;
  startedAt: string;
  durationMs: number;
  target: StackTarget;
  envId: string | null;
  forgePackages: ForgePackage[];
  variables: VariableName[];
  waivers: Waiver[];
  /** conformance.yaml's `egress:`: the methods expected per external host. */
  expectedEgress: Record<string, string[]>;
  findings: Finding[];
  /** How the run was restricted (`--grep …`, `--shard 1/2`), or null for a full run. */
  partial: string | null;
  /** What the platform's checks found; undefined when lint errors kept them from running. */
  platform?: {
    checks: CheckOutcome[];
    /** The gateway's and the proxy's logs; undefined where they cannot be observed (a real deployment). */
    calls?: CallObservation[];
    traffic?: TrafficEntry[];
    /** The storage log: what the app kept (keys and sizes, never a value). */
    storage?: StorageEntry[];
    /** The queue log, to what was left undelivered once the run stopped waiting (never an event's body). */
    events?: EventEntry[];
    /** The SQL log: every statement, run or refused (never a parameter's value). */
    sql?: SqlEntry[];
    profile: PlatformProfile;
  };
  defaultProfile: PlatformProfile;
}

/** The lint verdict as a check: errors mean the app would not deploy, and nothing else runs. */
export function lintOutcome(findings: readonly Finding[]): CheckOutcome {
  const errors = findings.filter((f) => f.severity === 'error');
  return checkOutcome('MANIFEST-LINT-01', {
    case: 'MANIFEST-LINT-01 manifest.yml and custom-scopes.yaml',
    outcome: errors.length ? 'fail' : 'pass',
    message: errors.length
      ? `lint errors: ${[...new Set(errors.map((f) => f.id))].join(', ')} (the app would not deploy; the platform checks were not run)`
      : undefined,
  });
}

/** Which platform services the app used in the run, from their logs: the certificate lists them. */
export function platformServicesOf(storage: readonly StorageEntry[], events: readonly EventEntry[], sql: readonly SqlEntry[] = []): PlatformServiceUse[] {
  const used: PlatformServiceUse[] = [];
  // A missing key is an answer (the package's undefined), not a refusal.
  const refused = storage.filter((e) => e.code !== undefined && e.code !== 'KEY_NOT_FOUND').length;
  if (storage.length) used.push({ service: 'storage', apis: [...new Set(storage.map((e) => e.api))].sort(), calls: storage.length, refused });
  // Deliveries are the platform's work, not the app's calls.
  const calls = events.filter((e) => e.operation !== 'deliver' && e.operation !== 'unsettled');
  if (calls.length) used.push({ service: 'events', apis: ['queue'], calls: calls.length, refused: calls.filter((e) => (e.status ?? 0) >= 400).length });
  if (sql.length)
    used.push({ service: 'sql', apis: [...new Set(sql.map((e) => e.endpoint))].sort(), calls: sql.length, refused: sql.filter((e) => e.status >= 400).length });
  return used;
}

/** Writes the run folder; returns its summary, which `beforeWriting` sees before any file is written (a verdict printed at once). */
export function writeRunFolder(runDir: string, evidence: RunEvidence, beforeWriting?: (summary: RunSummary) => void): RunSummary {
  const { app, platform } = evidence;
  const checks = [lintOutcome(evidence.findings), ...(platform?.checks ?? [])];
  if (platform?.events) checks.push(...eventOutcomes([...app.consumers, ...app.appEventTriggers], platform.events));
  if (platform?.sql) checks.push(...sqlOutcomes(app.sqlModules, platform.sql));
  const observed = platform?.calls && platform.traffic && { calls: platform.calls, traffic: platform.traffic };
  const coverage = observed ? routeCoverage(app.apiRoutes, observed.calls, observed.traffic, checks) : [];
  // Only a full run that observed its calls can say a route was never exercised to a 2xx.
  if (observed && !evidence.partial) checks.push(...coverageOutcomes(coverage, evidence.waivers));
  if (observed) checks.push(...secretOutcomes(app.apiRoutes, observed.calls, evidence.variables));
  const traffic = platform?.traffic ?? [];
  const seenEgress = methodCoverage(traffic);
  // Only a full run that observed the proxy can say a method was never sent; products and container services are not external hosts.
  if (observed && !evidence.partial)
    checks.push(...egressCoverageOutcomes(evidence.expectedEgress, methodCoverage(traffic.filter((e) => e.kind === 'external'))));
  const summary = summarize({
    version: evidence.version,
    runId: evidence.runId,
    startedAt: evidence.startedAt,
    durationMs: evidence.durationMs,
    app: {
      name: basename(app.dir),
      dir: app.dir,
      id: app.appId ?? null,
      envId: evidence.envId,
      manifestSha256: manifestSha256(app),
    },
    target: evidence.target,
    forgePackages: evidence.forgePackages,
    variables: evidence.variables.map(({ name, encrypted, searched }) => ({ name, encrypted, ...(searched !== undefined && { searched }) })),
    platformServices: platformServicesOf(platform?.storage ?? [], platform?.events ?? [], platform?.sql ?? []),
    partial: evidence.partial,
    checks,
    coverage,
    waivers: evidence.waivers,
    lint: { ...countBySeverity(evidence.findings), findings: evidence.findings },
    egress: {
      methodCoverage: seenEgress,
      expected: evidence.expectedEgress,
      requests: traffic.length,
      refused: traffic.filter((e) => e.decision === 'refused').length,
    },
    runsOnAtlassian: runsOnAtlassian(app, platform?.traffic),
    screenshots: screenshotsIn(runDir, evidence.target),
    profile: platform?.profile ?? evidence.defaultProfile,
  });
  beforeWriting?.(summary);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  if (observed) {
    writeFileSync(join(runDir, 'traffic.json'), json(observed.traffic));
    writeFileSync(join(runDir, 'calls.json'), json(observed.calls));
  }
  if (platform?.storage) writeFileSync(join(runDir, 'storage.json'), json(platform.storage));
  if (platform?.events) writeFileSync(join(runDir, 'events.json'), json(platform.events));
  if (platform?.sql) writeFileSync(join(runDir, 'sql.json'), json(platform.sql));
  writeSummary(runDir, summary, app);
  return summary;
}

/**
 * summary.json, and what is written from it: the certificate (Markdown and HTML) and the
 * scope-mapping document. Written again when something is added to a finished run's summary
 * (`certify --mutants` adds its mutation score).
 */
export function writeSummary(runDir: string, summary: RunSummary, app: ForgeApp): void {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const scopes = scopeMapping(app);
  const certificate = certificateMarkdown(summary, scopes);
  writeFileSync(join(runDir, 'summary.json'), json(summary));
  writeFileSync(join(runDir, 'certificate.md'), certificate);
  const images = Object.fromEntries(summary.screenshots.taken.map((file) => [`screenshots/${file}`, inlinePng(runDir, file)]));
  writeFileSync(join(runDir, 'certificate.html'), certificateHtml(summary, certificate, images));
  writeFileSync(join(runDir, 'scope-mapping.md'), scopeMappingMarkdown(scopes));
  writeFileSync(join(runDir, 'scope-mapping.json'), json(scopes));
}

export const manifestSha256 = (app: ForgeApp) =>
  createHash('sha256')
    .update(readFileSync(join(app.dir, 'manifest.yml')))
    .digest('hex');
