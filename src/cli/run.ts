import { AppLoadError } from '../app/app-load-error';
import { bundleRunFolder } from '../report/bundle';
import { countsLine } from '../report/certificate';
import { RunError, runConformance, type RunResult } from '../run/conformance-run';
import { EXIT, parseCommandLine, UsageError } from './command';
import { RUN_OPTIONS, shardOption, workersOption, type RunValues } from './run-options';
import { targetOption, upstreamsOption } from './stack-options';
import { displayPath, type Terminal } from './terminal';
import { VERSION } from './version';

/** Parses the shared options of `run` and `certify` and runs the conformance of the app. */
async function conformanceRun(
  { values, positionals }: { values: RunValues; positionals: string[] },
  terminal: Terminal,
  { screenshots = false, onVerdict }: { screenshots?: boolean; onVerdict?: (result: RunResult) => void } = {},
): Promise<RunResult> {
  const target = targetOption(values.target, { remote: true });
  if ((target === 'remote') !== (values.remote !== undefined))
    throw new UsageError('--target remote and --remote FILE go together: the deployment file names the deployment and its tokens');
  const workers = workersOption(values.workers);
  const shard = shardOption(values.shard);
  const appDir = positionals[0] ?? '.';
  try {
    return await runConformance({
      appDir,
      target,
      upstreams: upstreamsOption(values.upstreams, appDir),
      ...(values.variables && { variables: values.variables }),
      ...(values.out && { reportsDir: values.out }),
      ...(values.grep && { grep: values.grep }),
      ...(shard && { shard }),
      ...(values.remote && { remote: values.remote }),
      ...(workers && { workers }),
      screenshots,
      ...(onVerdict && { onVerdict }),
      version: VERSION,
      log: (line) => terminal.error(terminal.style('dim', line, terminal.err)),
    });
  } catch (error) {
    // Could not run: one sentence, exit 2.
    if (error instanceof RunError) throw new AppLoadError(`the conformance run could not finish: ${error.message}`);
    throw error;
  }
}

/** Prints the verdict with what failed or what evidence is missing; exit 1 only when a check failed. */
export function printVerdict(terminal: Terminal, { summary, runDir }: RunResult): number {
  const name = summary.app.name;
  const line = countsLine(summary);
  terminal.print();
  for (const failed of summary.checks.filter((c) => c.outcome === 'fail')) {
    terminal.print(`${terminal.style('red', '✖')} ${failed.case}${failed.message ? `: ${failed.message}` : ''}`);
  }
  for (const missing of summary.missingEvidence) terminal.print(`${terminal.style('yellow', '?')} ${missing}`);
  terminal.print(
    {
      conformant: () => terminal.style('green', `✔ ${name} is conformant (${line})`),
      'not-conformant': () => terminal.style('red', `✖ ${name} is not conformant: ${summary.failedCheckIds.join(', ')} (${line})`),
      partial: () => terminal.style('yellow', `⏸ ${name}: a partial run (${summary.partial}) found no failure, but it is no verdict on the app (${line})`),
      incomplete: () =>
        terminal.style(
          'yellow',
          `? ${name} is incomplete: nothing failed, but evidence is missing for ${summary.missingEvidence.length} case${summary.missingEvidence.length === 1 ? '' : 's'} (above) (${line})`,
        ),
    }[summary.verdict](),
  );
  const contracts = summary.checks.filter((c) => c.id === 'CONTRACT-PACT-01');
  if (contracts.length)
    terminal.print(`Consumer contracts: ${contracts.filter((c) => c.outcome === 'pass').length} of ${contracts.length} interactions hold (CONTRACT-PACT-01)`);
  terminal.print(`Reports: ${displayPath(runDir)} (certificate.md, certificate.html, summary.json, junit.xml, html/index.html)`);
  return summary.verdict === 'not-conformant' ? EXIT.findings : EXIT.ok;
}

/** Why a run gets no certification bundle, in one sentence; undefined when it does. */
function withoutCertificate({ summary }: RunResult): string | undefined {
  if (summary.verdict === 'conformant') return undefined;
  if (summary.verdict === 'partial') return `no certification bundle: the run was partial (${summary.partial}); certify the whole app, without --grep`;
  if (summary.verdict === 'incomplete')
    return `no certification bundle: evidence is missing for ${summary.missingEvidence.length} case${summary.missingEvidence.length === 1 ? '' : 's'} (first: ${summary.missingEvidence[0]})`;
  return `no certification bundle: ${summary.failedCheckIds.join(', ')} failed`;
}

export async function runCommand(args: string[], terminal: Terminal): Promise<number> {
  const parsed = parseCommandLine(args, RUN_OPTIONS, 1);
  if (parsed.values.mutants) throw new UsageError('--mutants puts the score on a certificate: use certify --mutants, or mutate for the score alone');
  if (parsed.values.watch) return (await import('./run-watch')).runWatch(parsed, terminal);
  // The verdict is printed as soon as it is known; the certificate and Playwright's HTML report are written after it.
  let code: number | undefined;
  const result = await conformanceRun(parsed, terminal, { onVerdict: (known) => (code = printVerdict(terminal, known)) });
  return code ?? printVerdict(terminal, result);
}

export async function certifyCommand(args: string[], terminal: Terminal): Promise<number> {
  const parsed = parseCommandLine(args, RUN_OPTIONS, 1);
  if (parsed.values.watch) throw new UsageError('certify runs once: --watch is for run');
  if (parsed.values.shard) throw new UsageError('certify runs the whole app: shard with `run --shard i/n`, then `merge` the folders');
  if (parsed.values.target === 'remote')
    throw new UsageError('certify runs on the emulated platform, where every check can run: use run --target remote for a deployment');
  // The certificate is what certify is for: it carries the screenshots.
  const result = await conformanceRun(parsed, terminal, { screenshots: true });
  printVerdict(terminal, result);
  const refused = withoutCertificate(result);
  if (refused) {
    terminal.error(refused);
    return EXIT.findings;
  }
  if (parsed.values.mutants) {
    const { addMutationScore } = await import('../mutate/certify-mutants');
    const { printMutationReport, MUTATE_DEFAULTS } = await import('./mutate');
    const appDir = parsed.positionals[0] ?? '.';
    const report = await addMutationScore(result, {
      appDir,
      ...MUTATE_DEFAULTS,
      ...(parsed.values.upstreams && { upstreams: upstreamsOption(parsed.values.upstreams, appDir) }),
      ...(parsed.values.variables && { variables: parsed.values.variables }),
      ...(parsed.values.out && { reportsDir: parsed.values.out }),
      log: (line) => terminal.error(terminal.style('dim', line, terminal.err)),
    });
    printMutationReport(terminal, report);
  }
  terminal.print(`Certification bundle: ${displayPath(bundleRunFolder(result.runDir))}`);
  return EXIT.ok;
}
