import { AppLoadError } from '../app/app-load-error';
import { StackStartError } from '../stack/stack-start-error';
import { EXIT, UsageError } from './command';
import { COMMANDS } from './commands';
import { Terminal } from './terminal';
import { VERSION } from './version';

function usage(): string {
  // A usage of several lines (one per action) has the summary on its first.
  const width = Math.max(...COMMANDS.map((c) => c.usage.split('\n')[0]!.length));
  return [
    `forge-conformance ${VERSION}: conformance and contract tests for Forge app REST APIs`,
    '',
    'Usage:',
    ...COMMANDS.flatMap((c) => {
      const [first, ...more] = c.usage.split('\n');
      return [`  ${first!.padEnd(width)}  ${c.summary}`, ...more.map((line) => `  ${line}`)];
    }),
    '',
    'Exit codes: 0 clean, 1 findings (errors), 2 could not run.',
  ].join('\n');
}

/**
 * Runs one command. Every failure ends here as one line on stderr and exit code 2: usage
 * mistakes and unloadable apps are expected; anything else is a bug, shown with its stack only
 * when FORGE_CONFORMANCE_DEBUG is set.
 */
export async function main(argv: string[], terminal = new Terminal()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    terminal.print(usage());
    return name === undefined ? EXIT.couldNotRun : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    terminal.print(VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    terminal.error(`forge-conformance: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see --help)`);
    return EXIT.couldNotRun;
  }
  if (args.includes('--help') || args.includes('-h')) {
    terminal.print(`Usage: ${command.usage}\n\n${command.summary}`);
    return EXIT.ok;
  }
  try {
    return await (
      await command.load()
    )(args, terminal);
  } catch (error) {
    // A machine reading --json output still gets JSON, with the reason, when nothing could run.
    if (args.includes('--json')) {
      terminal.print(JSON.stringify({ tool: 'forge-conformance', version: VERSION, ok: false, error: (error as Error).message ?? String(error) }, null, 2));
    }
    if (error instanceof UsageError) terminal.error(`forge-conformance ${name}: ${error.message}\nUsage: ${command.usage}`);
    else if (error instanceof AppLoadError || error instanceof StackStartError) terminal.error(`forge-conformance ${name}: ${error.message}`);
    else if (process.env.FORGE_CONFORMANCE_DEBUG) terminal.error(`forge-conformance ${name}: ${(error as Error).stack ?? String(error)}`);
    else terminal.error(`forge-conformance ${name}: internal error: ${(error as Error).message ?? String(error)} (set FORGE_CONFORMANCE_DEBUG=1 for details)`);
    return EXIT.couldNotRun;
  } finally {
    terminal.clearProgress();
  }
}

/** The process entry point (bin/forge-conformance.js). */
export async function runCli(argv: string[]): Promise<void> {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(argv);
}
