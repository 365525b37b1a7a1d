/**
 * The `contracts` command: `contracts verify` checks an app against its consumers' Pact contracts,
 * through the platform; `contracts publish` shares a consumer's pacts through a Pact Broker.
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { loadApp } from '../app/load-app';
import { appPactSources, pactFilesOf } from '../app/app-pacts';
import { brokerFromEnvironment, publishArguments, runPactBroker } from '../pact/broker';
import { verifyPacts, type InteractionVerdict, type PactSource } from '../pact/verify-pacts';
import { startStack } from '../stack/start-stack';
import { EXIT, parseCommandLine, UsageError } from './command';
import { targetOption, upstreamsOption } from './stack-options';
import type { Terminal } from './terminal';

/** The pact files named (files, or folders of `*.json`), or else the ones in `dir`'s own `contracts/pacts/` or `pacts/`. */
function pactFiles(named: string[] | undefined, dir: string): string[] {
  for (const source of named ?? []) if (!existsSync(source)) throw new UsageError(`--pacts ${source} does not exist: name a pact file or a folder of them`);
  const files = pactFilesOf(named ?? appPactSources(dir));
  if (files.length === 0) throw new AppLoadError(`no pacts: ${dir} has no contracts/pacts/ or pacts/ folder of pact files; name them with --pacts FILE|DIR`);
  return files;
}

const OPTIONS = {
  pacts: { type: 'string', multiple: true },
  target: { type: 'string' },
  upstreams: { type: 'string', multiple: true },
  provider: { type: 'string' },
  'provider-version': { type: 'string' },
  'consumer-version': { type: 'string' },
  branch: { type: 'string' },
  tag: { type: 'string', multiple: true },
} as const;
type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values'];

async function verify(appDir: string, values: Values, terminal: Terminal): Promise<number> {
  const app = loadApp(appDir);
  const broker = brokerFromEnvironment();
  // With a broker and no --pacts, the provider's pacts come from the broker; otherwise from files.
  const source: PactSource =
    broker && !values.pacts
      ? {
          broker,
          verification: {
            provider: values.provider ?? basename(resolve(app.dir)),
            ...(values['provider-version'] && { providerVersion: values['provider-version'] }),
            ...(values.branch && { branch: values.branch }),
          },
        }
      : pactFiles(values.pacts, appDir);
  const target = targetOption(values.target);
  terminal.progress(`Starting the platform around ${appDir} …`);
  await using stack = await startStack(target, { app: appDir, upstreams: upstreamsOption(values.upstreams, appDir) });
  terminal.clearProgress();
  const verdicts = await verifyPacts(stack, source);
  terminal.print();
  for (const v of verdicts) printVerdict(v, terminal);
  const failed = verdicts.filter((v) => !v.ok).length;
  const from = Array.isArray(source) ? `${source.length} pact file${source.length === 1 ? '' : 's'}` : `the broker at ${source.broker.url}`;
  terminal.print(
    failed
      ? terminal.style('red', `✖ ${failed} of ${verdicts.length} interactions do not hold`)
      : terminal.style('green', `✔ every interaction holds (${verdicts.length}, ${from})`),
  );
  if (!Array.isArray(source))
    terminal.print(
      source.verification.providerVersion
        ? `Results published as ${source.verification.provider} ${source.verification.providerVersion}.`
        : 'Results not published (no --provider-version).',
    );
  return failed ? EXIT.findings : EXIT.ok;
}

function printVerdict(v: InteractionVerdict, terminal: Terminal): void {
  const states = v.states.length ? ` (given ${v.states.join(' and ')})` : '';
  terminal.print(`${v.ok ? terminal.style('green', '✔') : terminal.style('red', '✖')} ${v.consumer}: ${v.description}${states}`);
  for (const problem of v.problems) terminal.print(`    ${problem}`);
}

async function publish(values: Values, terminal: Terminal): Promise<number> {
  const broker = brokerFromEnvironment();
  if (!broker)
    throw new UsageError(
      'contracts publish needs a broker: set PACT_BROKER_BASE_URL (and PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD)',
    );
  if (!values['consumer-version']) throw new UsageError('say which consumer version the pacts belong to: --consumer-version (a git sha, say)');
  const files = pactFiles(values.pacts, '.');
  const { code, output } = await runPactBroker(
    broker,
    publishArguments(files, {
      consumerVersion: values['consumer-version'],
      ...(values.branch && { branch: values.branch }),
      ...(values.tag && { tags: values.tag }),
    }),
  );
  if (code !== 0)
    throw new AppLoadError(
      `the broker at ${broker.url} did not take the pacts: ${output.split('\n').find((line) => line.trim()) ?? `pact-broker exited ${code}`}`,
    );
  terminal.print(
    terminal.style(
      'green',
      `✔ published ${files.length} pact file${files.length === 1 ? '' : 's'} to ${broker.url} as consumer version ${values['consumer-version']}`,
    ),
  );
  return EXIT.ok;
}

export async function contractsCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, 2);
  const [action, appDir] = positionals;
  if (action === 'verify') return verify(appDir ?? '.', values, terminal);
  if (action === 'publish') {
    if (appDir) throw new UsageError(`unexpected argument "${appDir}": contracts publish takes --pacts`);
    return publish(values, terminal);
  }
  throw new UsageError(
    action ? `unknown action "${action}": contracts verify, or contracts publish` : 'say what to do: contracts verify, or contracts publish',
  );
}
