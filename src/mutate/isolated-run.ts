/**
 * One conformance run of a mutant, in a `forge-conformance run` process of its own: a mutant's
 * stack, runtime and compiler share nothing with another's (runs side by side in one process
 * stalled on each other's shared compiler), and a mutant that hangs or crashes its run takes
 * nothing else down.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HARNESS_ROOT } from '../common/harness-root';
import type { RunSummary } from '../report/summary';

export interface IsolatedRunOptions {
  appDir: string;
  /** This run's own folder: the run folder is made inside it. */
  outDir: string;
  upstreams: string[];
  variables?: string;
}

/** The run's summary and folder, or why there is none (the run could not finish): its last line of error. */
export type IsolatedRunResult = { summary: RunSummary; runDir: string } | { error: string };

export async function isolatedRun(options: IsolatedRunOptions): Promise<IsolatedRunResult> {
  mkdirSync(options.outDir, { recursive: true });
  const args = [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'run', options.appDir, '--out', options.outDir, '--workers', '1'];
  for (const upstream of options.upstreams) args.push('--upstreams', upstream);
  if (options.variables) args.push('--variables', options.variables);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4096)));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const runDir = readdirSync(options.outDir, { withFileTypes: true }).find(
    (entry) => entry.isDirectory() && existsSync(join(options.outDir, entry.name, 'summary.json')),
  );
  if (!runDir) {
    const last = stderr
      .trim()
      .split('\n')
      .at(-1)
      ?.replace(/^forge-conformance:\s*/, '');
    return { error: last || `the run ended with exit code ${code} and no summary` };
  }
  const dir = join(options.outDir, runDir.name);
  return { summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary, runDir: dir };
}
