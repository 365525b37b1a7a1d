import { availableParallelism } from 'node:os';
import { mutate, type MutationReport } from '../mutate/mutate';
import { mutantDetail } from '../report/mutation-score';
import { OPERATORS } from '../mutate/operators';
import { EXIT, parseCommandLine, UsageError } from './command';
import { upstreamsOption } from './stack-options';
import { displayPath, type Terminal } from './terminal';

const OPTIONS = {
  upstreams: { type: 'string', multiple: true },
  variables: { type: 'string' },
  out: { type: 'string' },
  jobs: { type: 'string' },
  'time-limit': { type: 'string' },
  operator: { type: 'string', multiple: true },
} as const;

/** As many mutants at once as cores, up to 2 (each run has its own stack and runner); 15 minutes in all. */
export const MUTATE_DEFAULTS = { jobs: Math.min(2, availableParallelism()), timeLimitMs: 900_000 };

const wholeNumber = (value: string | undefined, flag: string, { min, fallback }: { min: number; fallback: number }) => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number from ${min}, not "${value}"`);
  return Number(value);
};

/** `mutate`: the mutation score of the app's own suite, with every survivor and what would kill it. */
export async function mutateCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, 1);
  const appDir = positionals[0] ?? '.';
  const report = await mutate({
    appDir,
    ...(values.upstreams && { upstreams: upstreamsOption(values.upstreams, appDir) }),
    ...(values.variables && { variables: values.variables }),
    ...(values.out && { reportsDir: values.out }),
    ...(values.operator && { operators: values.operator.flatMap((list) => list.split(',')).map((id) => id.trim()) }),
    jobs: wholeNumber(values.jobs, '--jobs', { min: 1, fallback: MUTATE_DEFAULTS.jobs }),
    timeLimitMs: wholeNumber(values['time-limit'], '--time-limit', { min: 1, fallback: MUTATE_DEFAULTS.timeLimitMs / 1000 }) * 1000,
    log: (line) => terminal.error(terminal.style('dim', line, terminal.err)),
  });
  printMutationReport(terminal, report);
  return EXIT.ok;
}

/** Every mutant with its outcome, then the score: for `mutate`, and for `certify --mutants`. */
export function printMutationReport(terminal: Terminal, report: MutationReport): void {
  terminal.print();
  const mark = { killed: terminal.style('green', '✔'), warned: terminal.style('yellow', '!'), survived: terminal.style('red', '✖'), 'not run': '·' };
  for (const m of report.mutants) terminal.print(`${mark[m.outcome]} ${m.operator}: ${m.change} — ${mutantDetail(m)}`);
  terminal.print(
    `Mutation score ${report.score}%: ${report.killed} of ${report.mutants.length - report.notRun} mutants killed by a failed check or a lint error` +
      `${report.warned ? `, ${report.warned} caught only by a lint warning` : ''}${report.notRun ? `, ${report.notRun} not run` : ''}` +
      ` (${report.mutantsPerMinute} mutants a minute; ${OPERATORS.length} operators)`,
  );
  terminal.print(`Reports: ${displayPath(report.reportDir)} (mutation.json, and each mutant's run folder)`);
}
