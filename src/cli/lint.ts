/** The `lint` command. */
import { join } from 'node:path';
import type { ForgeApp } from '../app/forge-app';
import { countBySeverity, type Finding, type Severity } from '../app/findings';
import { lintApp } from '../app/lint';
import { loadApp } from '../app/load-app';
import { stopCompiler } from '../app/module-exports';
import { EXIT, parseCommandLine } from './command';
import { displayPath, type Terminal } from './terminal';
import { VERSION } from './version';
import { HARNESS_NAMES } from '../pact/harness-names';

/** The `--json` output; its shape is documented in docs/partners.md#lint and kept stable. */
export interface LintReport {
  tool: 'forge-conformance';
  version: string;
  app: { dir: string; id: string | null };
  ok: boolean;
  summary: { errors: number; warnings: number; infos: number };
  findings: Finding[];
}

export async function lintCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { json: { type: 'boolean' } }, 1);
  const appDir = positionals[0] ?? '.';
  terminal.progress(`Linting ${appDir} …`);
  const started = performance.now();
  const app = loadApp(appDir);
  const findings = await lintApp(app, HARNESS_NAMES).finally(stopCompiler);
  const report: LintReport = {
    tool: 'forge-conformance',
    version: VERSION,
    app: { dir: app.dir, id: app.appId ?? null },
    ok: findings.every((f) => f.severity !== 'error'),
    summary: countBySeverity(findings),
    findings,
  };
  if (values.json) terminal.print(JSON.stringify(report, null, 2));
  else printReport(terminal, app, report, performance.now() - started);
  return report.ok ? EXIT.ok : EXIT.findings;
}

const SEVERITY_STYLE: Record<Severity, 'red' | 'yellow' | 'blue'> = { error: 'red', warning: 'yellow', info: 'blue' };

function printReport(terminal: Terminal, app: ForgeApp, report: LintReport, elapsedMs: number): void {
  for (const f of report.findings) {
    const location = `${displayPath(join(app.dir, f.file))}${f.line ? `:${f.line}:${f.column}` : ''}`;
    terminal.print(
      `${terminal.style('bold', location)}  ${terminal.style(SEVERITY_STYLE[f.severity], f.severity.padEnd(7))}  ${terminal.style('dim', f.id)}  ${f.message}`,
    );
    terminal.print(`    ${terminal.style('dim', `hint: ${f.hint}`)}`);
  }
  const { errors, warnings, infos } = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`;
  const name = displayPath(app.dir);
  const verdict = report.ok ? terminal.style('green', `✔ ${name}: no errors`) : terminal.style('red', `✖ ${name}: ${plural(errors, 'error')}`);
  if (report.findings.length) terminal.print();
  terminal.print(`${verdict} (${counts}; ${(elapsedMs / 1000).toFixed(2)} s)`);
}
