/** The `contracts` command: `contracts verify` checks an app against its consumers' Pact contracts, through the platform. */
import { existsSync } from 'node:fs';
import { AppLoadError } from '../app/app-load-error';
import { appPactSources, pactFilesOf } from '../contracts/app-pacts';
import { verifyPacts } from '../contracts/verify-pacts';
import { startStack } from '../stack/start-stack';
import { EXIT, parseCommandLine, UsageError, type Command } from './command';
import { targetOption, upstreamsOption } from './stack-options';
import type { Terminal } from './terminal';

/** The pact files named (files, or folders of `*.json`), or else the app's own `contracts/pacts/` or `pacts/`. */
function pactFiles(named: string[] | undefined, appDir: string): string[] {
  for (const source of named ?? []) if (!existsSync(source)) throw new UsageError(`--pacts ${source} does not exist: name a pact file or a folder of them`);
  const files = pactFilesOf(named ?? appPactSources(appDir));
  if (files.length === 0)
    throw new AppLoadError(`no pacts to verify: ${appDir} has no contracts/pacts/ or pacts/ folder of pact files; name them with --pacts FILE|DIR`);
  return files;
}

export const contractsCommand: Command = {
  name: 'contracts',
  summary: "verify the app against its consumers' Pact contracts, through the emulated platform (contracts verify)",
  usage: 'forge-conformance contracts verify [appDir] [--pacts FILE|DIR]... [--target embedded|containers] [--upstreams DIR]...',
  async run(args, terminal: Terminal) {
    const { values, positionals } = parseCommandLine(
      args,
      { pacts: { type: 'string', multiple: true }, target: { type: 'string' }, upstreams: { type: 'string', multiple: true } },
      2,
    );
    if (positionals[0] !== 'verify')
      throw new UsageError(positionals[0] ? `unknown action "${positionals[0]}": contracts verify` : 'say what to do: contracts verify');
    const appDir = positionals[1] ?? '.';
    const files = pactFiles(values.pacts, appDir);
    const target = targetOption(values.target);
    terminal.progress(`Starting the platform around ${appDir} …`);
    await using stack = await startStack(target, { app: appDir, upstreams: upstreamsOption(values.upstreams, appDir) });
    terminal.clearProgress();
    const verdicts = await verifyPacts(stack, files);
    terminal.print();
    for (const v of verdicts) {
      const states = v.states.length ? ` (given ${v.states.join(' and ')})` : '';
      terminal.print(`${v.ok ? terminal.style('green', '✔') : terminal.style('red', '✖')} ${v.consumer}: ${v.description}${states}`);
      for (const problem of v.problems) terminal.print(`    ${problem}`);
    }
    const failed = verdicts.filter((v) => !v.ok).length;
    terminal.print(
      failed
        ? terminal.style('red', `✖ ${failed} of ${verdicts.length} interactions do not hold`)
        : terminal.style('green', `✔ every interaction holds (${verdicts.length}, ${files.length} pact file${files.length === 1 ? '' : 's'})`),
    );
    return failed ? EXIT.findings : EXIT.ok;
  },
};
