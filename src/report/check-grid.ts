/**
 * The route × check grid the certificate opens with: one cell per route and check, coloured by
 * the worst outcome of that check's cases on that route, with every case in the cell's tooltip.
 * Inline SVG: the page loads nothing, and needs no emoji font (the marks are plain text).
 */
import { html } from '../common/html';
import { CHECK_IDS } from '../conformance/catalogue';
import type { CheckOutcome, Outcome } from './check-outcomes';
import type { RunSummary } from './summary';

/** Worst first: a cell shows the worst of its cases. */
const SEVERITY: readonly Outcome[] = ['fail', 'no-evidence', 'warn', 'waived', 'skipped', 'pass'];

export const OUTCOME_STYLE: Record<Outcome, { fill: string; mark: string; label: string }> = {
  fail: { fill: '#de350b', mark: '×', label: 'failed' },
  'no-evidence': { fill: '#ff8b00', mark: '?', label: 'skipped for evidence' },
  warn: { fill: '#ffc400', mark: '!', label: 'warning' },
  waived: { fill: '#8777d9', mark: '~', label: 'waived' },
  skipped: { fill: '#c1c7d0', mark: '-', label: 'skipped' },
  pass: { fill: '#36b37e', mark: '', label: 'passed' },
};

/** Checks that apply to the app as a whole (scenarios, contracts, lint) share one row. */
const APP_ROW = '(the app)';
const CELL = 18;

export function checkGridSvg(summary: RunSummary): string {
  const routes = [...summary.coverage.map((c) => c.route), ...(summary.checks.some((c) => !c.route) ? [APP_ROW] : [])];
  const checks = CHECK_IDS.filter((id) => summary.checks.some((c) => c.id === id));
  const cases = new Map<string, CheckOutcome[]>();
  for (const c of summary.checks) {
    const key = `${c.route ?? APP_ROW}\u0000${c.id}`;
    cases.set(key, [...(cases.get(key) ?? []), c]);
  }
  const left = 8 + 7 * Math.max(...routes.map((r) => r.length), 10);
  // Column labels stand at 60°: about 6 px of height a character.
  const top = 16 + 6 * Math.max(...checks.map((c) => c.length));
  const width = left + checks.length * CELL + 8;
  const height = top + routes.length * CELL + 40;

  const columnLabels = checks.map((id, x) => {
    const cx = left + x * CELL + CELL / 2;
    return `<text x="${cx}" y="${top - 6}" transform="rotate(-60 ${cx} ${top - 6})" font-size="11">${html(id)}</text>`;
  });
  const rows = routes.map((route, y) => {
    const cy = top + y * CELL;
    const label = `<text x="${left - 6}" y="${cy + 13}" text-anchor="end" font-size="11">${html(route)}</text>`;
    const cells = checks.map((id, x) => {
      const here = cases.get(`${route}\u0000${id}`);
      const at = `x="${left + x * CELL}" y="${cy}" width="${CELL - 2}" height="${CELL - 2}"`;
      if (!here) return `<rect ${at} fill="#fff" stroke="#ebecf0"><title>${html(`${id} does not apply to ${route}`)}</title></rect>`;
      const worst = SEVERITY.find((o) => here.some((c) => c.outcome === o))!;
      const tip = here.map((c) => `${c.case}: ${OUTCOME_STYLE[c.outcome].label}${c.message ? ` (${c.message})` : ''}`).join('\n');
      const mark = OUTCOME_STYLE[worst].mark;
      return (
        `<a href="#checks"><rect ${at} fill="${OUTCOME_STYLE[worst].fill}" data-outcome="${worst}"><title>${html(tip)}</title></rect>` +
        (mark ? `<text x="${left + x * CELL + 8}" y="${cy + 13}" text-anchor="middle" font-size="12" fill="#fff" pointer-events="none">${mark}</text>` : '') +
        '</a>'
      );
    });
    return [label, ...cells].join('');
  });
  let legendX = 8;
  const legend = SEVERITY.map((o) => {
    const text = `${OUTCOME_STYLE[o].label} (${summary.counts[o]})`;
    const item = `<rect x="${legendX}" y="${height - 24}" width="12" height="12" fill="${OUTCOME_STYLE[o].fill}"/><text x="${legendX + 16}" y="${height - 14}" font-size="11">${html(text)}</text>`;
    legendX += 16 + 7 * text.length + 14;
    return item;
  });
  return [
    `<svg role="img" aria-label="Routes by checks: the outcome of each check on each route" width="${Math.max(width, legendX)}" height="${height}" font-family="system-ui, sans-serif">`,
    ...columnLabels,
    ...rows,
    ...legend,
    '</svg>',
  ].join('\n');
}
