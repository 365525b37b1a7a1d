/**
 * The app environment's variables, as `forge variables set [--encrypt]` makes them (facts.md
 * §10): a `forge-variables.yaml` beside the manifest (or the file `--variables` names), then
 * `FORGE_USER_VAR_<NAME>` from the harness's environment, as `forge tunnel` reads them. Handlers
 * see each as `process.env.NAME`, and nothing else of the machine's environment.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../common/is-record';
import { AppLoadError } from './app-load-error';
import { readConfigFile } from './config-file';

export interface AppVariable {
  name: string;
  value: string;
  /** Set with `--encrypt` (or taken from `FORGE_USER_VAR_*`): its value is never written to any report or log. */
  encrypted: boolean;
}

export const VARIABLES_FILE = 'forge-variables.yaml';
export const TUNNEL_VARIABLE_PREFIX = 'FORGE_USER_VAR_';

/** Forge's limits per environment (facts.md §10). */
export const VARIABLE_LIMITS = { plain: 50, encrypted: 10, valueBytes: 3 * 1024, keyLength: 128 } as const;

/** What is wrong with a name: Forge's key length, and what a process environment can hold. */
function nameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > VARIABLE_LIMITS.keyLength) return `must be 1 to ${VARIABLE_LIMITS.keyLength} characters long (Forge's limit)`;
  if (/[=\0]/.test(name)) return 'cannot hold "=" or a NUL character (no process environment can)';
  return undefined;
}

/** A variable and how to report a mistake in it: at its line in the file, or naming the variable that set it. */
type Sourced = AppVariable & { fail(what: string): Error };

function fromFile(path: string, given: boolean): Sourced[] {
  if (!given && !existsSync(path)) return [];
  const { data, fail } = readConfigFile(path, { missing: "give the app environment's variables (version: 1, then variables: with NAME: value)" });
  const entries = data.variables ?? {};
  if (!isRecord(entries)) throw fail(['variables'], 'must map each variable name to its value');
  return Object.entries(entries).map(([name, entry]) => {
    const at = (what: string) => fail(['variables', name], what);
    const problem = nameProblem(name);
    if (problem) throw at(`cannot be a variable name: it ${problem}`);
    const { value, encrypt } = isRecord(entry) ? entry : { value: entry, encrypt: undefined };
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw at('must be a value, or { value, encrypt: true } for a secret');
    if (encrypt !== undefined && typeof encrypt !== 'boolean') throw fail(['variables', name, 'encrypt'], 'must be true or false');
    return { name, value: String(value), encrypted: encrypt === true, fail: at };
  });
}

function fromEnvironment(environment: NodeJS.ProcessEnv): Sourced[] {
  return Object.entries(environment).flatMap(([key, value]) => {
    if (!key.startsWith(TUNNEL_VARIABLE_PREFIX) || value === undefined) return [];
    const at = (what: string) => new AppLoadError(`${key} (from the environment) ${what}`);
    const name = key.slice(TUNNEL_VARIABLE_PREFIX.length);
    const problem = nameProblem(name);
    if (problem) throw at(`cannot be a variable name: it ${problem}`);
    // Whether the shell's value is a secret cannot be told: it is kept like an encrypted one.
    return [{ name, value, encrypted: true, fail: at }];
  });
}

/**
 * The variables of the app's environment: the file (optional unless named), then the
 * environment's `FORGE_USER_VAR_*` over it. Every value over Forge's limits is refused, one
 * sentence at its line or naming its variable; so is an environment with more variables than Forge allows.
 */
export function loadVariables(appDir: string, { file, environment = process.env }: { file?: string; environment?: NodeJS.ProcessEnv } = {}): AppVariable[] {
  const path = file ?? join(appDir, VARIABLES_FILE);
  const byName = new Map<string, Sourced>();
  for (const variable of [...fromFile(path, file !== undefined), ...fromEnvironment(environment)]) byName.set(variable.name, variable);
  for (const variable of byName.values()) {
    const bytes = Buffer.byteLength(variable.value);
    if (bytes > VARIABLE_LIMITS.valueBytes) throw variable.fail(`is ${bytes} bytes long; Forge allows ${VARIABLE_LIMITS.valueBytes} (3 KB) a value`);
  }
  const all = [...byName.values()].map(({ name, value, encrypted }) => ({ name, value, encrypted }));
  for (const encrypted of [false, true]) {
    const count = all.filter((v) => v.encrypted === encrypted).length;
    const limit = encrypted ? VARIABLE_LIMITS.encrypted : VARIABLE_LIMITS.plain;
    if (count > limit) throw new AppLoadError(`${path}: ${count} ${encrypted ? 'encrypted' : 'plain'} variables; Forge allows ${limit} in an environment`);
  }
  return all;
}

/** The environment a handler's process gets: its variables, and nothing of the machine's. */
export const variablesEnvironment = (variables: readonly AppVariable[]): Record<string, string> => Object.fromEntries(variables.map((v) => [v.name, v.value]));
