/** `run --watch`: the edit-run loop (run/watch.ts) until Ctrl-C. */
import { loadApp } from '../app/load-app';
import { watchConformance } from '../run/watch';
import { EXIT, UsageError } from './command';
import { workersOption, type RunValues } from './run-options';
import { upstreamsOption } from './stack-options';
import type { Terminal } from './terminal';

export async function runWatch({ values, positionals }: { values: RunValues; positionals: string[] }, terminal: Terminal): Promise<number> {
  if (values.target !== undefined && values.target !== 'embedded') throw new UsageError('--watch runs on the embedded target: leave out --target');
  if (values.grep !== undefined || values.out !== undefined || values.shard !== undefined)
    throw new UsageError('--watch re-runs what each edit can change and writes no report folder: leave out --grep, --shard and --out');
  const appDir = positionals[0] ?? '.';
  const workers = workersOption(values.workers);
  // A missing or broken app stops here, before anything starts; later breakage is reported and waited out.
  loadApp(appDir);
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  await watchConformance({
    appDir,
    upstreams: upstreamsOption(values.upstreams, appDir),
    ...(values.variables && { variables: values.variables }),
    ...(workers && { workers }),
    print: (line) => terminal.print(line),
    log: (line) => terminal.error(terminal.style('dim', line, terminal.err)),
    signal: stopping.signal,
  });
  return EXIT.ok;
}
