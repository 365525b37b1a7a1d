/**
 * Runs on Atlassian eligibility (facts.md §1): an app exposing `apiRoute` can earn the badge
 * when it egresses only to analytics addresses (`category: analytics`, `inScopeEUD: false`), has
 * no remotes and only static web triggers. Judged from the manifest, and from the run's traffic
 * log: where the app's egress actually went.
 */
import type { ForgeApp } from '../app/forge-app';
import { isRecord } from '../common/is-record';
import { AllowList } from '../platform/proxy/allow-list';
import type { TrafficEntry } from '../platform/proxy/traffic-log';

export interface RunsOnAtlassian {
  eligible: boolean;
  /** Why not, one sentence each; empty when eligible. */
  reasons: string[];
  /** What the judgement rests on. */
  judgedFrom: string[];
  /** Requirements this harness cannot see, for the partner to confirm. */
  notJudged: string[];
}

const isAnalytics = (entry: { category: string | undefined; inScopeEUD: boolean | undefined }) => entry.category === 'analytics' && entry.inScopeEUD === false;

/** The judgement; `traffic` is the run's traffic log, or undefined when the platform checks did not run. */
export function runsOnAtlassian(app: ForgeApp, traffic: readonly TrafficEntry[] | undefined): RunsOnAtlassian {
  const reasons: string[] = [];
  for (const entry of app.backendEgress.filter((e) => !isAnalytics(e)))
    reasons.push(
      `backend egress to ${entry.kind === 'remote' ? `remote ${entry.address}` : entry.address} is not an analytics entry (category: analytics, inScopeEUD: false)`,
    );
  const manifest = isRecord(app.manifestFile.data) ? app.manifestFile.data : {};
  const remotes = Array.isArray(manifest.remotes) ? manifest.remotes.map((r) => (isRecord(r) && typeof r.key === 'string' ? r.key : '?')) : [];
  if (remotes.length) reasons.push(`the manifest declares remotes (${remotes.join(', ')})`);
  for (const trigger of app.modules.filter((m) => m.type === 'webtrigger')) {
    const response = isRecord(trigger.raw.response) ? trigger.raw.response : {};
    if (response.type !== 'static') reasons.push(`web trigger ${trigger.key ?? '?'} is not static (response.type: static)`);
  }

  const judgedFrom = [`manifest.yml: ${app.backendEgress.length} backend egress entries, ${remotes.length} remotes, web triggers`];
  if (traffic) {
    const analytics = new AllowList(app.backendEgress.filter(isAnalytics).map((e) => e.address));
    const external = traffic.filter((e) => e.kind === 'external' && e.decision === 'forwarded');
    const elsewhere = new Map<string, number>();
    for (const entry of external) if (!analytics.allows(new URL(`https://${entry.target}`))) elsewhere.set(entry.host, (elsewhere.get(entry.host) ?? 0) + 1);
    for (const [host, count] of elsewhere) reasons.push(`the run sent ${count} request${count === 1 ? '' : 's'} to ${host}, which no analytics entry allows`);
    judgedFrom.push(
      `the run's traffic log: ${external.length} external requests forwarded, ${external.length - [...elsewhere.values()].reduce((a, b) => a + b, 0)} of them to analytics addresses`,
    );
  } else judgedFrom.push('no traffic: the platform checks did not run, so only the manifest was judged');
  return {
    eligible: reasons.length === 0,
    reasons,
    judgedFrom,
    notJudged: ['storage with data residency: a property of the deployment, confirm it in the developer console'],
  };
}
