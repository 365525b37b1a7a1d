import type { ScopeMappingDocument } from '../app/scope-mapping';
import { scopeMappingMarkdown } from '../app/scope-mapping';
import { html } from '../common/html';
import { checkGridSvg } from './check-grid';
import { SCREENSHOTS } from './screenshots';
import type { Outcome } from './check-outcomes';
import { mutationScoreMarkdown } from './mutation-score';
import type { RunSummary, Verdict } from './summary';

/** Marks any text font has (the grid's, the CLI's): no emoji font is needed to read a certificate. */
const MARK: Record<Outcome, string> = {
  pass: '✔ pass',
  fail: '✖ fail',
  warn: '! warn',
  skipped: '- skipped',
  'no-evidence': '? no evidence',
  waived: '~ waived',
};
const VERDICT: Record<Verdict, string> = {
  conformant: 'conformant ✔',
  'not-conformant': 'not conformant ✖',
  incomplete: 'incomplete ? (nothing failed, but evidence is missing)',
  partial: 'partial (a restricted run: it does not speak for the app)',
};
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One line a verdict: every count, the no-evidence ones apart. */
export function countsLine({ counts }: Pick<RunSummary, 'counts'>): string {
  return `${counts.pass} passed, ${counts.fail} failed, ${counts.warn} warnings, ${counts['no-evidence']} skipped for evidence, ${counts.waived} waived, ${counts.skipped} skipped`;
}

/**
 * The certificate of a run, in Markdown: what was checked (app identity, manifest digest,
 * harness version, target, platform profile), every check with its outcome, the waivers, the
 * egress and proxy method coverage, Runs on Atlassian eligibility, and the Marketplace
 * scope-mapping document.
 */
export function certificateMarkdown(summary: RunSummary, scopes: ScopeMappingDocument): string {
  const { app } = summary;
  const lines = [
    `# Conformance certificate: ${app.name}`,
    '',
    `**Verdict: ${VERDICT[summary.verdict]}** — ${countsLine(summary)}.`,
    '',
    ...(summary.partial ? [`**Partial run** (${summary.partial}): only some checks ran, so this is no certificate of the app.`, ''] : []),
    ...(summary.missingEvidence.length ? ['**Missing evidence:**', '', ...summary.missingEvidence.map((m) => `- ${m}`), ''] : []),
    '| | |',
    '| --- | --- |',
    `| App | \`${app.id ?? '(no app.id)'}\` (environment \`${app.envId ?? '-'}\`) |`,
    `| manifest.yml SHA-256 | \`${app.manifestSha256}\` |`,
    `| Harness | forge-conformance ${summary.version} |`,
    `| Target | ${summary.target} |`,
    `| Platform services the handlers used | ${summary.platformServices.map((s) => `${s.service} (${s.apis.join(', ')}): ${s.calls} calls, ${s.refused} refused`).join('; ') || 'none'} |`,
    `| Environment variables the handlers ran with | ${summary.variables.map((v) => `\`${v.name}\`${v.encrypted ? ' (encrypted)' : ''}`).join(', ') || 'none'} |`,
    `| Forge packages the handlers ran with | ${summary.forgePackages.map((p) => `${p.name} ${p.version} (${p.source === 'app' ? "the app's own" : "the harness's: the app has none"})`).join(', ') || 'none'} |`,
    `| Run | ${summary.runId}, started ${summary.startedAt}, ${(summary.durationMs / 1000).toFixed(1)} s |`,
    '',
    '## Route coverage',
    '',
    "Whether a call of the run reached each route's success path (a 2xx from its handler), how the handler answered, its checks and the hosts it reached.",
    '',
    ...(summary.coverage.length
      ? [
          '| Route | 2xx reached | Handler answered | Checks | Egress |',
          '| --- | --- | --- | --- | --- |',
          ...summary.coverage.map(
            (c) =>
              `| \`${c.route}\` ${c.operation} ${cell(c.path)} | ${c.reached2xx ? '✔ yes' : '! no'} | ${
                Object.entries(c.statuses)
                  .map(([s, n]) => `${s}×${n}`)
                  .join(', ') || '-'
              } | ${
                Object.entries(c.checks)
                  .map(([o, n]) => `${n} ${o}`)
                  .join(', ') || '-'
              } | ${cell(
                Object.entries(c.egress)
                  .map(([host, methods]) => `${host} (${methods.join(', ')})`)
                  .join(', ') || 'none',
              )} |`,
          ),
        ]
      : ['No route was exercised.']),
    '',
    '## Checks',
    '',
    '| Outcome | Check | Case | Clause | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...summary.checks.map(
      (c) => `| ${MARK[c.outcome]} | \`${c.id}\` | ${cell(c.case.replace(`${c.id} `, ''))} | ${c.clause} | ${cell(c.message ?? c.waiver ?? '')} |`,
    ),
    '',
    '## Waivers',
    '',
    ...(summary.waivers.length ? summary.waivers.map((w) => `- \`${w.check}\`${w.route ? ` (route ${w.route})` : ''}: ${w.reason}`) : ['None.']),
    '',
    '## Egress',
    '',
    summary.target === 'remote'
      ? 'Not observed: a real deployment keeps no traffic log the harness can read.'
      : `${summary.egress.requests} requests through the egress proxy, ${summary.egress.refused} refused. Methods each host received:`,
    '',
    ...(summary.target === 'remote' ? [] : egressTable(summary.egress)),
    '',
    ...(summary.mutation ? mutationScoreMarkdown(summary.mutation) : []),
    '## Runs on Atlassian',
    '',
    summary.runsOnAtlassian.eligible
      ? '**Eligible**, as far as a run can tell: egress only to analytics addresses, no remotes, only static web triggers.'
      : '**Not eligible**:',
    ...summary.runsOnAtlassian.reasons.map((r) => `- ${r}`),
    '',
    `Judged from ${summary.runsOnAtlassian.judgedFrom.join('; and ')}. Not judged: ${summary.runsOnAtlassian.notJudged.join('; ')}.`,
    '',
    '## The app as users see it',
    '',
    ...SCREENSHOTS.filter((shot) => summary.screenshots.taken.includes(shot.file)).flatMap((shot) => [`![${shot.caption}](screenshots/${shot.file})`, '']),
    ...(summary.screenshots.missing ? [`Screenshots: ${summary.screenshots.missing}.`, ''] : []),
    '## Lint',
    '',
    `${summary.lint.errors} errors, ${summary.lint.warnings} warnings, ${summary.lint.infos} infos.`,
    ...summary.lint.findings.map((f) => `- ${f.severity} \`${f.id}\` ${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}`),
    '',
    '## Platform profile',
    '',
    "The emulator's choices where Atlassian documents nothing (facts.md §7):",
    '',
    '```json',
    JSON.stringify(summary.profile, null, 2),
    '```',
    '',
    scopeMappingMarkdown(scopes)
      .replace(/^# /, '## ')
      .replace(/^## (Routes|Scopes)$/gm, '### $1'),
  ];
  return `${lines.join('\n')}\n`;
}

/** A heading's link target: `## Route coverage` is `#route-coverage`. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The same certificate as a standalone HTML page: the Markdown, rendered plainly, opening with the
 * route × check grid after the verdict. Nothing on it loads anything.
 */
export function certificateHtml(summary: RunSummary, markdown: string, images: Record<string, string> = {}): string {
  const body = markdown.split('\n```json\n');
  const [before, rest] = [body[0]!, body[1] ?? ''];
  const [json, after] = rest.split('\n```\n');
  const render = (md: string) =>
    md
      .split('\n')
      .map((line) => {
        if (line.startsWith('| ---')) return '';
        if (line.startsWith('|'))
          return `<tr>${line
            .split(/(?<!\\)\|/)
            .slice(1, -1)
            .map((c) => `<td>${inline(c.trim().replace(/\\\|/g, '|'))}</td>`)
            .join('')}</tr>`;
        if (line.startsWith('### ')) return `<h3>${inline(line.slice(4))}</h3>`;
        if (line.startsWith('## ')) return `<h2 id="${anchor(line.slice(3))}">${inline(line.slice(3))}</h2>`;
        if (line.startsWith('# ')) return `<h1>${inline(line.slice(2))}</h1>`;
        if (line.startsWith('- ')) return `<li>${inline(line.slice(2))}</li>`;
        const image = /^!\[(.*)\]\((.+)\)$/.exec(line);
        // The page carries its pictures (images: data URIs by path); one it does not carry stays a caption.
        if (image)
          return images[image[2]!]
            ? `<figure><img src="${images[image[2]!]}" alt="${html(image[1]!)}" style="max-width:100%;border:1px solid #dfe1e6"><figcaption>${inline(image[1]!)}</figcaption></figure>`
            : `<p>${inline(image[1]!)}</p>`;
        return line ? `<p>${inline(line)}</p>` : '';
      })
      .join('\n')
      .replace(/(<tr>.*<\/tr>\n?)+/g, (rows) => `<table>${rows}</table>`);
  const inline = (text: string) =>
    html(text)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/&lt;br&gt;/g, '<br>');
  const grid = `<figure>${checkGridSvg(summary)}<figcaption>Each route against each check: hover a cell for its cases; the checks table below has them all.</figcaption></figure>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance certificate · ${html(summary.app.name)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#172b4d}table{border-collapse:collapse;margin:.5rem 0}td{padding:.25rem .6rem;border-bottom:1px solid #dfe1e6;vertical-align:top}code{font-size:12px}pre{background:#f4f5f7;padding:1rem;overflow:auto}</style>
</head><body>
${render(before).replace(/^<h1>.*<\/h1>\n+<p>.*<\/p>/, (opening) => `${opening}\n${grid}`)}
${json !== undefined ? `<pre>${html(json)}</pre>` : ''}
${render(after ?? '')}
</body></html>
`;
}

/** Each host's methods as the run saw them, beside those conformance.yaml expects when it says. */
function egressTable({ methodCoverage, expected = {} }: RunSummary['egress']): string[] {
  const hosts = [...new Set([...Object.keys(expected), ...Object.keys(methodCoverage)])].sort();
  if (hosts.length === 0) return ['No egress.'];
  const listed = (methods: readonly string[] | undefined) => (methods?.length ? methods.join(', ') : '—');
  if (Object.keys(expected).length === 0)
    return ['| Host | Methods |', '| --- | --- |', ...hosts.map((host) => `| ${host} | ${listed(methodCoverage[host])} |`)];
  return [
    '| Host | Expected (conformance.yaml) | Seen |',
    '| --- | --- | --- |',
    ...hosts.map((host) => `| ${host} | ${listed(expected[host])} | ${listed(methodCoverage[host])} |`),
  ];
}
