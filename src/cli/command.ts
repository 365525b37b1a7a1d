import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Terminal } from './terminal';

/** A command's code: resolves to the process exit code. main.ts turns what it throws into one line and an exit code. */
export type CommandRun = (args: string[], terminal: Terminal) => Promise<number>;

/** One CLI command, as the registry (commands.ts) lists it. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Loads the command's code, and only then what it needs. */
  load(): Promise<CommandRun>;
}

/** The command line was wrong: print the message and the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, findings: 1, couldNotRun: 2 } as const;

/** node:util parseArgs, with its errors turned into UsageErrors that read well. */
export function parseCommandLine<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, maxPositionals: number) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > maxPositionals) {
      throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1));
  }
}
