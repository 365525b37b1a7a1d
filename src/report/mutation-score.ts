/**
 * What `mutate` measured of an app's own suite, in the shape the report layer shows it: on its
 * own in mutation.json, and on the certificate when `certify --mutants` asked for it.
 */

export interface MutantOutcome {
  operator: string;
  /** What the mutant changed, in words: `GET /employees/me answers 500`. */
  change: string;
  /**
   * `killed`: its run failed (a check, or a lint error). `warned`: its run passed, but lint warned
   * of it (a finding the app itself does not have): caught by a reviewer, not by the suite.
   * `not run`: the time limit came first, or its run could not finish (`error`).
   */
  outcome: 'killed' | 'warned' | 'survived' | 'not run';
  /** The checks that failed its run (killed), or the lint warnings only it has (warned). */
  killedBy?: string[];
  /** What in the app's suite would have killed it (a survivor). */
  wouldKill?: string;
  verdict?: string;
  runDir?: string;
  error?: string;
}

export interface MutationScore {
  mutants: MutantOutcome[];
  killed: number;
  warned: number;
  survived: number;
  notRun: number;
  /** Killed (by a failed check or a lint error) out of those run, as a percentage. */
  score: number;
  durationMs: number;
  mutantsPerMinute: number;
}

/** What became of a mutant, in words: what killed it, or what would have. `code` marks a check id (Markdown's backticks). */
export function mutantDetail(m: MutantOutcome, code: (id: string) => string = (id) => id): string {
  const ids = () => m.killedBy!.map(code).join(', ');
  return {
    killed: () => `killed by ${ids()}`,
    warned: () => `survived the run; lint warns of it (${ids()})`,
    survived: () => `survived: would be killed by ${m.wouldKill}`,
    'not run': () => `not run: ${m.error ?? 'the time limit came first'}`,
  }[m.outcome]();
}

/** The certificate's section: the score, then every mutant with what killed it or would have. */
export function mutationScoreMarkdown(mutation: MutationScore): string[] {
  const run = mutation.mutants.length - mutation.notRun;
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '## Mutation score',
    '',
    `**${mutation.score}%**: ${mutation.killed} of ${run} mutants of the app, each with one defect, were killed by its own suite (a failed check or a lint error)` +
      `${mutation.warned ? `; ${mutation.warned} only by a lint warning` : ''}${mutation.survived ? `; ${mutation.survived} survived` : ''}` +
      `${mutation.notRun ? `; ${mutation.notRun} not run` : ''} (\`forge-conformance mutate\`).`,
    '',
    '| Operator | Mutant | Outcome |',
    '| --- | --- | --- |',
    ...mutation.mutants.map((m) => `| \`${m.operator}\` | ${cell(m.change)} | ${cell(mutantDetail(m, (id) => `\`${id}\``))} |`),
    '',
  ];
}
