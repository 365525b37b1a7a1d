/**
 * `certify --mutants`: the mutation score of the app's own suite, measured against the run that
 * was just certified, put on that run's summary and certificate (and its mutation.json beside
 * them). The mutants' own run folders stay out of the bundle: they go where `mutate` puts them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApp } from '../app/load-app';
import type { RunResult } from '../run/conformance-run';
import { writeSummary } from '../run/run-folder';
import { mutate, type MutateOptions, type MutationReport } from './mutate';

export async function addMutationScore(certified: RunResult, options: Omit<MutateOptions, 'baseline'>): Promise<MutationReport> {
  const report = await mutate({ ...options, baseline: certified });
  const { app: _app, reportDir: _reportDir, ...score } = report;
  const summary = { ...certified.summary, mutation: score };
  writeFileSync(join(certified.runDir, 'mutation.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeSummary(certified.runDir, summary, loadApp(options.appDir));
  certified.summary = summary;
  return report;
}
