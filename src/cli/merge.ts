/** `merge`: the run folders of one run's shards, as the folder of the whole run. */
import { mergeRuns } from '../run/merge-runs';
import { parseCommandLine, UsageError } from './command';
import { printVerdict } from './run';
import type { Terminal } from './terminal';
import { VERSION } from './version';

const OPTIONS = { app: { type: 'string' }, out: { type: 'string' } } as const;

export async function mergeCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, 64);
  if (!positionals.length) throw new UsageError('give the run folders of every shard (`run --shard i/n` wrote them)');
  const result = await mergeRuns({
    shardDirs: positionals,
    ...(values.app && { appDir: values.app }),
    ...(values.out && { reportsDir: values.out }),
    version: VERSION,
  });
  return printVerdict(terminal, result);
}
