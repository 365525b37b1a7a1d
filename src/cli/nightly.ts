/** `nightly`: every configured app on every configured target, kept in the history, with a digest of what changed. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { digestEntry, digestHtml, digestMarkdown, digestOf, type DigestEntry } from '../nightly/digest';
import { AllureReportError, generateAllureReport } from '../nightly/allure-report';
import { historyKey, keepSummary, pastSummaries } from '../nightly/history';
import { loadNightlyConfig } from '../nightly/nightly-config';
import { RunError, runConformance } from '../run/conformance-run';
import { StackStartError } from '../stack/stack-start-error';
import { appUpstreams } from '../stack/stack';
import { EXIT, parseCommandLine } from './command';
import { displayPath, type Terminal } from './terminal';
import { VERSION } from './version';

const OPTIONS = { config: { type: 'string' } } as const;

export async function nightlyCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS, 0);
  const config = loadNightlyConfig(values.config ?? 'nightly.yaml');
  const entries: DigestEntry[] = [];
  const couldNotRun: { app: string; target: string; reason: string }[] = [];
  for (const spec of config.runs) {
    const key = `${basename(spec.app)}-${spec.target}`;
    const allureResults = join(config.out, 'allure-results', key);
    rmSync(allureResults, { recursive: true, force: true });
    try {
      const { summary, runDir } = await runConformance({
        appDir: spec.app,
        target: spec.target,
        ...(spec.remote && { remote: spec.remote }),
        upstreams: appUpstreams(spec.app),
        reportsDir: join(config.out, 'runs'),
        retries: config.retries,
        allureResults,
        screenshots: true,
        version: VERSION,
        log: (line) => terminal.error(terminal.style('dim', line, terminal.err)),
      });
      const allureReport = generateAllureReport({
        name: `${summary.app.name} (${summary.target})`,
        resultsDir: allureResults,
        output: join(config.out, 'allure', key),
        historyPath: join(config.history, historyKey(summary), 'allure-history.jsonl'),
      });
      entries.push({
        ...digestEntry(summary, displayPath(runDir), pastSummaries(config.history, historyKey(summary))),
        allureReport: displayPath(allureReport),
      });
      keepSummary(config.history, summary);
    } catch (error) {
      // One app that cannot run does not stop the others; the digest says why.
      if (!(error instanceof AppLoadError || error instanceof RunError || error instanceof StackStartError || error instanceof AllureReportError)) throw error;
      couldNotRun.push({ app: basename(spec.app), target: spec.target, reason: error.message });
    }
  }
  const digest = digestOf(entries, couldNotRun);
  const markdown = digestMarkdown(digest);
  mkdirSync(config.out, { recursive: true });
  writeFileSync(join(config.out, 'digest.json'), `${JSON.stringify(digest, null, 2)}\n`);
  writeFileSync(join(config.out, 'digest.md'), markdown);
  writeFileSync(join(config.out, 'digest.html'), digestHtml(digest, markdown));
  terminal.print();
  for (const { app, target, reason } of couldNotRun) terminal.print(`${terminal.style('red', '✖')} ${app} (${target}) could not run: ${reason}`);
  for (const e of entries) {
    const mark = e.newFailures.length ? terminal.style('red', '✖') : terminal.style('green', '✔');
    terminal.print(`${mark} ${e.app} (${e.target}): ${e.verdict}; ${e.newFailures.length} new failures, ${e.fixed.length} fixed, ${e.flaky.length} flaky`);
    for (const failure of e.newFailures) terminal.print(`    new failure: ${failure}`);
  }
  terminal.print(`Digest: ${displayPath(join(config.out, 'digest.md'))} (digest.html, digest.json); history kept in ${displayPath(config.history)}`);
  // A regression is the news; a run that could not run at all comes next.
  return digest.regressions ? EXIT.findings : couldNotRun.length ? EXIT.couldNotRun : EXIT.ok;
}
