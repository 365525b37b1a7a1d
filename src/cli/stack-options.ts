/** The options `run`, `certify` and `up` share: the target and the upstream stubs. */
import { existsSync } from 'node:fs';
import { appUpstreams, type StackTarget } from '../stack/stack';
import { UsageError } from './command';

/** The targets a stack can be started on from the command line. */
export type CliTarget = Exclude<StackTarget, 'remote'>;

/** `--target`, shared by run, certify, up and contracts verify: embedded unless one is named; `remote` only where a command can run against a real deployment. */
export function targetOption(value: string | undefined): CliTarget;
export function targetOption(value: string | undefined, options: { remote: true }): StackTarget;
export function targetOption(value: string | undefined, { remote = false }: { remote?: boolean } = {}): StackTarget {
  const target = value ?? 'embedded';
  if (target === 'remote' && remote) return target;
  if (target !== 'embedded' && target !== 'containers')
    throw new UsageError(
      target === 'remote'
        ? 'this command needs the emulated platform: use --target embedded or --target containers (only `run` takes --target remote)'
        : `target "${target}" is not available: use --target embedded or --target containers${remote ? ', or --target remote --remote FILE' : ''}`,
    );
  return target;
}

/**
 * `--upstreams`, shared by run, certify and up: the nock definitions of the app's external
 * services. Named ones must exist; unnamed, they are the app's own `upstreams/` folder beside
 * manifest.yml, which may be absent (then only loopback upstreams can be reached).
 */
export function upstreamsOption(named: string[] | undefined, appDir: string): string[] {
  for (const dir of named ?? [])
    if (!existsSync(dir)) throw new UsageError(`--upstreams ${dir} does not exist: name a directory (or file) of nock definitions`);
  return named ?? appUpstreams(appDir);
}
