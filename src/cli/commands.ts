/**
 * Every command, by name, with what --help says of it. Each command's code (and what it needs:
 * the platform, Playwright, Pact) is loaded only when that command runs, so the CLI starts at
 * once and `lint` never loads the servers.
 */
import type { Command } from './command';

export const COMMANDS: readonly Command[] = [
  {
    name: 'run',
    summary: 'run the conformance suites against the app on the emulated platform and write the report folder',
    usage: [
      'forge-conformance run [appDir] [--target embedded|containers|remote] [--remote FILE] [--grep PATTERN] [--shard I/N] [--workers N] [--upstreams DIR]... [--variables FILE] [--out DIR]',
      'forge-conformance run [appDir] --watch [--workers N] [--upstreams DIR]... [--variables FILE]   (re-runs what each edit can change, until Ctrl-C)',
    ].join('\n'),
    load: async () => (await import('./run')).runCommand,
  },
  {
    name: 'certify',
    summary: 'run, then bundle the report folder into one archive for Marketplace review',
    usage: 'forge-conformance certify [appDir] [--mutants] [--target embedded|containers] [--upstreams DIR]... [--variables FILE] [--out DIR]',
    load: async () => (await import('./run')).certifyCommand,
  },
  {
    name: 'nightly',
    summary: 'run every app of nightly.yaml on its targets, keep the summaries as history, and write a digest of what changed since the last night',
    usage: 'forge-conformance nightly [--config nightly.yaml]',
    load: async () => (await import('./nightly')).nightlyCommand,
  },
  {
    name: 'merge',
    summary: "merge the run folders of one run's shards (run --shard i/n) into the folder, reports and verdict of the whole run",
    usage: 'forge-conformance merge SHARD_DIR... [--app appDir] [--out DIR]',
    load: async () => (await import('./merge')).mergeCommand,
  },
  {
    name: 'mutate',
    summary: "measure the app's own suite: run it against mutants of the app, each with one domain defect, and report the score and every survivor",
    usage: 'forge-conformance mutate [appDir] [--operator ID]... [--jobs N] [--time-limit SECONDS] [--upstreams DIR]... [--variables FILE] [--out DIR]',
    load: async () => (await import('./mutate')).mutateCommand,
  },
  {
    name: 'lint',
    summary: 'validate and lint a Forge app: manifest, custom scopes, handlers, egress',
    usage: 'forge-conformance lint [appDir] [--json]',
    load: async () => (await import('./lint')).lintCommand,
  },
  {
    name: 'docs',
    summary: 'write the Marketplace scope-mapping document (Markdown, or JSON with --json or a .json --out)',
    usage: 'forge-conformance docs [appDir] [--out FILE] [--json]',
    load: async () => (await import('./docs')).docsCommand,
  },
  {
    name: 'up',
    summary: 'run the emulated platform around an app until Ctrl-C, with a demo site, a token and a ready-to-paste curl',
    usage: 'forge-conformance up [appDir] [--target embedded|containers] [--port N] [--upstreams DIR]... [--variables FILE] [--record FILE] [--seed FILE]',
    load: async () => (await import('./up')).upCommand,
  },
  {
    name: 'contracts',
    summary: "verify the app against its consumers' Pact contracts through the emulated platform, or publish a consumer's pacts to a broker",
    usage: [
      'forge-conformance contracts verify [appDir] [--pacts FILE|DIR]... [--target embedded|containers] [--upstreams DIR]...',
      '    [--provider NAME] [--provider-version V] [--branch B]   (with PACT_BROKER_BASE_URL)',
      'forge-conformance contracts publish [--pacts FILE|DIR]... --consumer-version V [--branch B] [--tag T]...',
    ].join('\n'),
    load: async () => (await import('./contracts')).contractsCommand,
  },
];
