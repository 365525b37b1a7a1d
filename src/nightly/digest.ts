/**
 * The nightly digest: for each app and target, what changed since the last night (new failures,
 * fixed checks, flaky checks, checks new or gone, the duration), and the last nights' verdicts
 * as a strip of cells. JSON for machines, Markdown for a CI summary, HTML that loads nothing.
 */
import { html } from '../common/html';
import type { RunSummary, Verdict } from '../report/summary';

export interface DigestEntry {
  app: string;
  target: string;
  verdict: Verdict;
  previousVerdict: Verdict | null;
  runDir: string;
  /** The night's Allure Report (history, trends, stability, retries), when one was made. */
  allureReport?: string;
  /** Cases failing now that did not fail in the last run (all failures, on a first night). */
  newFailures: string[];
  /** Cases that failed in the last run and pass now. */
  fixed: string[];
  /** Cases that failed, then passed on a retry. */
  flaky: string[];
  newChecks: string[];
  removedChecks: string[];
  durationMs: number;
  previousDurationMs: number | null;
  /** The last nights' verdicts, oldest first, tonight last. */
  nights: { startedAt: string; verdict: Verdict }[];
}

export interface Digest {
  generatedAt: string;
  /** Runs that regressed: one new failure or more. */
  regressions: number;
  entries: DigestEntry[];
  /** Runs that could not run at all, with the sentence why. */
  couldNotRun: { app: string; target: string; reason: string }[];
}

const failing = (s: RunSummary) => new Set(s.checks.filter((c) => c.outcome === 'fail').map((c) => c.case));
const cases = (s: RunSummary) => new Set(s.checks.map((c) => c.case));

/** What tonight's run says against the last one kept (none on a first night). */
export function digestEntry(tonight: RunSummary, runDir: string, past: readonly RunSummary[]): DigestEntry {
  const last = past.at(-1);
  const nowFailing = failing(tonight);
  const before = last ? failing(last) : new Set<string>();
  const [now, then] = [cases(tonight), last ? cases(last) : new Set<string>()];
  return {
    app: tonight.app.name,
    target: tonight.target,
    verdict: tonight.verdict,
    previousVerdict: last?.verdict ?? null,
    runDir,
    newFailures: [...nowFailing].filter((c) => !before.has(c)).sort(),
    fixed: [...before].filter((c) => now.has(c) && !nowFailing.has(c)).sort(),
    flaky: tonight.checks
      .filter((c) => c.flaky)
      .map((c) => c.case)
      .sort(),
    newChecks: last ? [...now].filter((c) => !then.has(c)).sort() : [],
    removedChecks: last ? [...then].filter((c) => !now.has(c)).sort() : [],
    durationMs: tonight.durationMs,
    previousDurationMs: last?.durationMs ?? null,
    nights: [...past.slice(-13), tonight].map((s) => ({ startedAt: s.startedAt, verdict: s.verdict })),
  };
}

export function digestOf(entries: DigestEntry[], couldNotRun: Digest['couldNotRun'], now = new Date()): Digest {
  return { generatedAt: now.toISOString(), regressions: entries.filter((e) => e.newFailures.length).length, entries, couldNotRun };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function digestMarkdown(digest: Digest): string {
  const lines = [`# Nightly conformance: ${digest.regressions ? `${digest.regressions} regressed` : 'nothing regressed'}`, ''];
  for (const { app, target, reason } of digest.couldNotRun) lines.push(`- **${app} (${target}) could not run**: ${reason}`);
  for (const e of digest.entries) {
    lines.push(
      `## ${e.app} (${e.target}): ${e.verdict}${e.previousVerdict ? `, was ${e.previousVerdict}` : ', first night'}`,
      '',
      `${seconds(e.durationMs)}${e.previousDurationMs !== null ? ` (last night ${seconds(e.previousDurationMs)})` : ''}; run folder \`${e.runDir}\`${e.allureReport ? `; trends, stability and retries in the Allure Report \`${e.allureReport}\`` : ''}.`,
      '',
    );
    const list = (title: string, items: string[]) => (items.length ? [`**${title}** (${items.length}):`, '', ...items.map((i) => `- ${i}`), ''] : []);
    lines.push(
      ...list('New failures', e.newFailures),
      ...list('Fixed', e.fixed),
      ...list('Flaky (failed, then passed on a retry)', e.flaky),
      ...list('New checks', e.newChecks),
      ...list('Removed checks', e.removedChecks),
    );
  }
  return `${lines.join('\n')}\n`;
}

const VERDICT_FILL: Record<Verdict, string> = { conformant: '#36b37e', 'not-conformant': '#de350b', incomplete: '#ff8b00', partial: '#c1c7d0' };

/** The last nights as a strip of cells, oldest first; each cell's tooltip is its night and verdict. */
function nightsStrip(nights: DigestEntry['nights']): string {
  const cells = nights.map(
    (n, i) =>
      `<rect x="${i * 16}" y="0" width="14" height="14" fill="${VERDICT_FILL[n.verdict]}"><title>${html(`${n.startedAt}: ${n.verdict}`)}</title></rect>`,
  );
  return `<svg role="img" aria-label="the last nights' verdicts, oldest first" width="${nights.length * 16}" height="14">${cells.join('')}</svg>`;
}

/** The digest sits in the nightly's out folder, the Allure reports under its allure/: a link that works wherever the folder is copied. */
const relativeLink = (report: string) => report.replace(/^.*?\/(allure\/[^/]+\/index\.html)$/, '$1');

export function digestHtml(digest: Digest, markdown: string): string {
  const strips = digest.entries
    .map(
      (e) =>
        `<tr><td>${html(e.app)}</td><td>${html(e.target)}</td><td>${nightsStrip(e.nights)}</td><td>${html(e.verdict)}</td><td>${e.allureReport ? `<a href="${html(relativeLink(e.allureReport))}">trends and stability (Allure)</a>` : ''}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nightly conformance</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#172b4d}td{padding:.25rem .6rem;vertical-align:middle}pre{white-space:pre-wrap}</style>
</head><body>
<h1>Nightly conformance: ${digest.regressions ? `${digest.regressions} regressed` : 'nothing regressed'}</h1>
<table><tr><th>App</th><th>Target</th><th>Last nights</th><th>Tonight</th><th>History</th></tr>
${strips}
</table>
<pre>${html(markdown)}</pre>
</body></html>
`;
}
