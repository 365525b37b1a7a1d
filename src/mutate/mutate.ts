/**
 * `forge-conformance mutate`: how much the app's own suite (its conformance.yaml, its consumer
 * pacts) would catch. Each operator (operators/) makes a mutant, a copy of the app with one domain
 * defect; each mutant gets the full conformance run the app gets, a few at a time and within a
 * time bound; a mutant is killed when its run fails (a check, or a lint error), and a survivor is
 * reported with what in the suite would have killed it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { loadConformanceFile } from '../app/conformance-file';
import type { ForgeApp } from '../app/forge-app';
import { loadApp } from '../app/load-app';
import { HARNESS_NAMES } from '../pact/harness-names';
import { HARNESS_ROOT } from '../common/harness-root';
import { stamp } from '../run/conformance-run';
import { isolatedRun } from './isolated-run';
import type { MutantOutcome, MutationScore } from '../report/mutation-score';
import type { RunSummary } from '../report/summary';
import type { Mutant, MutationSubject } from './mutant';
import { OPERATORS } from './operators';

export interface MutateOptions {
  appDir: string;
  /** The app environment's variables file, instead of each copy's forge-variables.yaml. */
  variables?: string;
  /** Progress lines: the app's own run, then each mutant's outcome as it comes. */
  log: (line: string) => void;
  /** Upstream stubs named on the command line; each copy's own `upstreams/` otherwise. */
  upstreams?: string[];
  reportsDir?: string;
  /** Only these operators' mutants (ids from operators/); every operator's otherwise. */
  operators?: string[];
  /** The app's own run, when one was just made (`certify --mutants`): it is not run again. */
  baseline?: { summary: RunSummary; runDir: string };
  /** Mutants run at once. */
  jobs: number;
  /** No mutant starts after this long; those left are reported as not run. */
  timeLimitMs: number;
}

export interface MutationReport extends MutationScore {
  app: string;
  reportDir: string;
}

/** The app cannot be mutation-tested as it is: one sentence saying why. */
export class MutateError extends AppLoadError {}

/** The route handler mutants change: one with an example (a GET first), else the first GET, else the first route. */
function subjectOf(app: ForgeApp): MutationSubject {
  const conformance = loadConformanceFile(app.dir, HARNESS_NAMES.platformStates);
  const withExample = app.apiRoutes.filter((r) => conformance.examples[r.key]);
  const route = withExample.find((r) => r.operation === 'GET') ?? withExample[0] ?? app.apiRoutes.find((r) => r.operation === 'GET') ?? app.apiRoutes[0];
  const address = app.backendEgress.find((e) => e.kind === 'address' && e.address !== '*')?.address;
  const declaredHost = address
    ?.replace(/^[a-z]+:\/\//i, '')
    .replace(/^\*\./, 'forge-conformance-mutant.')
    .replace(/\/.*$/, '');
  return { app, conformance, route, declaredHost };
}

/** A copy of the app with the mutant's defect, sharing the app's installed packages. */
function copyWith(app: ForgeApp, mutant: Mutant, into: string): string {
  mkdirSync(dirname(into), { recursive: true });
  cpSync(app.dir, into, { recursive: true, filter: (source) => basename(source) !== 'node_modules' });
  if (existsSync(join(app.dir, 'node_modules'))) symlinkSync(join(app.dir, 'node_modules'), join(into, 'node_modules'), 'dir');
  mutant.apply(into);
  return into;
}

export async function mutate(options: MutateOptions): Promise<MutationReport> {
  const started = Date.now();
  const app = loadApp(options.appDir);
  const subject = subjectOf(app);
  const unknown = options.operators?.filter((id) => !OPERATORS.some((operator) => operator.id === id)) ?? [];
  if (unknown.length) throw new MutateError(`no operator ${unknown.join(', ')}: the operators are ${OPERATORS.map((o) => o.id).join(', ')}`);
  const chosen = options.operators ? OPERATORS.filter((operator) => options.operators!.includes(operator.id)) : OPERATORS;
  const mutants = chosen.flatMap((operator) => operator.mutants(subject));
  if (mutants.length === 0)
    throw new MutateError(
      `no operator${options.operators ? ` of ${options.operators.join(', ')}` : ''} applies to ${app.dir}: it has no apiRoute whose handler could be found, and no egress`,
    );
  const reportDir = resolve(options.reportsDir ?? join(HARNESS_ROOT, 'reports'), `${basename(app.dir)}-mutation-${stamp(new Date(started))}`);
  mkdirSync(reportDir, { recursive: true });
  const copies = mkdtempSync(join(tmpdir(), 'forge-conformance-mutants-'));
  const run = (dir: string, label: string) =>
    isolatedRun({
      appDir: dir,
      outDir: join(reportDir, label),
      upstreams: options.upstreams ?? [join(dir, 'upstreams')].filter(existsSync),
      ...(options.variables && { variables: options.variables }),
    });

  try {
    // The app itself first: a suite that fails its own app says nothing of the mutants.
    if (!options.baseline) options.log(`Running ${basename(app.dir)} itself first …`);
    const baseline = options.baseline ?? (await run(app.dir, `00-${basename(app.dir)}`));
    if ('error' in baseline) throw new MutateError(`${basename(app.dir)} itself could not be run: ${baseline.error}`);
    if (baseline.summary.verdict !== 'conformant')
      throw new MutateError(
        `${basename(app.dir)} is ${baseline.summary.verdict.replace('-', ' ')} itself (${baseline.runDir}): make its own run conformant before measuring what its suite catches`,
      );
    const baselineFindings = new Set(baseline.summary.lint.findings.map((f) => f.id));
    options.log(`${mutants.length} mutants, ${options.jobs} at a time …`);
    const results: MutantOutcome[] = mutants.map((m) => ({ operator: m.operator, change: m.change, outcome: 'not run', wouldKill: m.wouldKill }));
    let next = 0;
    const worker = async () => {
      while (next < mutants.length && Date.now() - started < options.timeLimitMs) {
        const index = next++;
        const mutant = mutants[index]!;
        const label = `${String(index + 1).padStart(2, '0')}-${mutant.operator}`;
        // Named as the app is, so the mutant's run folder and certificate name the app.
        const copy = copyWith(app, mutant, join(copies, label, basename(app.dir)));
        const result = await run(copy, label);
        if ('error' in result) {
          results[index] = { operator: mutant.operator, change: mutant.change, outcome: 'not run', error: result.error };
          options.log(`not run  ${mutant.operator}: ${result.error}`);
          continue;
        }
        const { summary, runDir } = result;
        const warnings = [...new Set(summary.lint.findings.map((f) => f.id))].filter((id) => !baselineFindings.has(id));
        const outcome = summary.verdict === 'not-conformant' ? 'killed' : warnings.length ? 'warned' : 'survived';
        const by = outcome === 'killed' ? summary.failedCheckIds : outcome === 'warned' ? warnings : undefined;
        results[index] = {
          operator: mutant.operator,
          change: mutant.change,
          outcome,
          verdict: summary.verdict,
          runDir,
          ...(by ? { killedBy: by } : { wouldKill: mutant.wouldKill }),
        };
        options.log(`${outcome.padEnd(8)} ${mutant.operator}: ${mutant.change}${by ? ` (${by.join(', ')})` : ''}`);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
    const count = (outcome: MutantOutcome['outcome']) => results.filter((r) => r.outcome === outcome).length;
    const [killed, warned, survived, notRun] = [count('killed'), count('warned'), count('survived'), count('not run')];
    const durationMs = Date.now() - started;
    const report: MutationReport = {
      app: app.dir,
      mutants: results,
      killed,
      warned,
      survived,
      notRun,
      score: mutants.length === notRun ? 0 : Math.round((1000 * killed) / (mutants.length - notRun)) / 10,
      durationMs,
      mutantsPerMinute: Math.round(((mutants.length - notRun) / (durationMs / 60_000)) * 10) / 10,
      reportDir,
    };
    writeFileSync(join(reportDir, 'mutation.json'), `${JSON.stringify(report, null, 2)}\n`);
    return report;
  } finally {
    rmSync(copies, { recursive: true, force: true });
  }
}
