/**
 * The remote target's profile (`run --target remote --remote FILE`): which deployment of the app
 * to test, through which gateway, and where its tokens come from. Tokens are never in the file,
 * only the names of the environment variables that hold them (a CI secret store fills them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AppLoadError } from '../../app/app-load-error';
import { YamlFile, type SourcePosition } from '../../app/yaml-file';
import type { Product } from '../../platform/model';

/** The profile says something the run cannot use; `file:line: what to fix`. */
export class RemoteProfileError extends AppLoadError {
  override name = 'RemoteProfileError';
  constructor(file: string, at: SourcePosition | undefined, detail: string) {
    super(`${file}${at ? `:${at.line}` : ''}: ${detail}`);
  }
}

/** A token a test may use: the scopes it was granted, and the variable holding it. */
export interface TokenSource {
  scopes: string[];
  env: string;
}

export interface RemoteProfile {
  product: Product;
  cloudId: string;
  appId: string;
  envId: string;
  /** `https://api.atlassian.com` (the api.atlassian.com form) or `https://<site>/gateway/api` (the site's own gateway). */
  gateway: string;
  tokens: TokenSource[];
  /** A token for a site other than cloudId, if the team has one: the other-site refusal needs it. */
  anotherSite?: { env: string };
  /** A site of the team's with the app's REST APIs switched off, and a token for it. */
  disabledSite?: { cloudId: string; env: string };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function loadRemoteProfile(path: string): RemoteProfile {
  const name = basename(path);
  if (!existsSync(path)) throw new RemoteProfileError(path, undefined, 'does not exist: give the YAML file describing the deployment (see docs/ci.md)');
  const file = YamlFile.parse(name, readFileSync(path, 'utf8'));
  const syntax = file.syntaxErrors[0];
  if (syntax) throw new RemoteProfileError(name, syntax, `${syntax.message}; fix the YAML.`);
  const data = file.data;
  if (!isRecord(data)) throw new RemoteProfileError(name, undefined, 'must be a YAML mapping with `version: 1`.');
  const fail = (at: (string | number)[], what: string) => new RemoteProfileError(name, file.positionOf(at), `${at.join('.')} ${what}.`);
  if (data.version !== 1) throw fail(['version'], 'must be 1');
  const text = (at: (string | number)[], value: unknown, pattern = /\S/) => {
    if (typeof value !== 'string' || !pattern.test(value))
      throw fail(at, value === undefined ? 'is required' : `is not ${pattern === ENV_NAME ? 'an environment variable name' : 'valid'}`);
    return value;
  };
  if (data.product !== 'jira' && data.product !== 'confluence') throw fail(['product'], 'must be jira or confluence');
  const gateway = text(['gateway'], data.gateway);
  let url: URL;
  try {
    url = new URL(gateway);
  } catch {
    throw fail(['gateway'], 'must be a URL: https://api.atlassian.com, or https://<site>.atlassian.net/gateway/api');
  }
  if (url.search || url.hash || url.username) throw fail(['gateway'], 'must be a base URL without query, fragment or credentials');
  if (!Array.isArray(data.tokens) || data.tokens.length === 0) throw fail(['tokens'], 'must list at least one token: - scopes: [...] env: VARIABLE');
  const tokens = data.tokens.map((entry: unknown, i: number): TokenSource => {
    if (!isRecord(entry)) throw fail(['tokens', i], 'must be a mapping with scopes and env');
    if (!Array.isArray(entry.scopes) || !entry.scopes.every((s) => typeof s === 'string'))
      throw fail(['tokens', i, 'scopes'], 'must list the scopes the token was granted');
    return { scopes: entry.scopes as string[], env: text(['tokens', i, 'env'], entry.env, ENV_NAME) };
  });
  const section = (key: 'anotherSite' | 'disabledSite') => {
    const value = data[key];
    if (value === undefined) return undefined;
    if (!isRecord(value)) throw fail([key], 'must be a mapping');
    return value;
  };
  const another = section('anotherSite');
  const disabled = section('disabledSite');
  return {
    product: data.product,
    cloudId: text(['cloudId'], data.cloudId),
    appId: text(['appId'], data.appId).replace(/^ari:cloud:ecosystem::app\//, ''),
    envId: text(['environmentId'], data.environmentId),
    gateway: url.href.replace(/\/$/, ''),
    tokens,
    ...(another && { anotherSite: { env: text(['anotherSite', 'env'], another.env, ENV_NAME) } }),
    ...(disabled && {
      disabledSite: { cloudId: text(['disabledSite', 'cloudId'], disabled.cloudId), env: text(['disabledSite', 'env'], disabled.env, ENV_NAME) },
    }),
  };
}

/** The token a variable holds; a variable that is unset or empty stops the run, named. */
export function tokenFrom(env: string, environment: NodeJS.ProcessEnv = process.env): string {
  const value = environment[env]?.trim();
  if (!value) throw new AppLoadError(`the remote profile names ${env}, but it is not set: put the access token in it (a CI secret)`);
  return value;
}
