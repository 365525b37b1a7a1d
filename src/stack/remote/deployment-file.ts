/**
 * The remote target's deployment file (`run --target remote --remote FILE`): which deployment of the app
 * to test, through which gateway, and where its tokens come from. Tokens are never in the file,
 * only the names of the environment variables that hold them (a CI secret store fills them).
 */
import { AppLoadError } from '../../app/app-load-error';
import { readConfigFile } from '../../app/config-file';
import { isRecord } from '../../common/is-record';
import type { Product } from '../../platform/model';

/**
 * A token a test may use: the scopes it was granted, and either the variable holding it or the
 * refresh token and client credentials that get a fresh one when the run starts.
 */
export type TokenSource = { scopes: string[] } & (
  { env: string } | { refresh: { tokenUrl: string; clientIdEnv: string; clientSecretEnv: string; refreshTokenEnv: string } }
);

/** The name a token is known by in the run (its variable, or its refresh token's). */
export const tokenName = (t: TokenSource) => ('env' in t ? t.env : t.refresh.refreshTokenEnv);

export interface DeploymentFile {
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

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function loadDeploymentFile(path: string): DeploymentFile {
  const { data, fail } = readConfigFile(path, { missing: 'give the YAML file describing the deployment (see docs/ci.md)' });
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
    const scopes = entry.scopes as string[];
    if ((entry.env === undefined) === (entry.refresh === undefined)) throw fail(['tokens', i], 'needs either env (a variable holding the token) or refresh');
    if (entry.env !== undefined) return { scopes, env: text(['tokens', i, 'env'], entry.env, ENV_NAME) };
    const refresh = entry.refresh;
    if (!isRecord(refresh)) throw fail(['tokens', i, 'refresh'], 'must be a mapping of tokenUrl, clientIdEnv, clientSecretEnv and refreshTokenEnv');
    const at = (key: string) => ['tokens', i, 'refresh', key];
    const tokenUrl = text(at('tokenUrl'), refresh.tokenUrl);
    if (!URL.canParse(tokenUrl)) throw fail(at('tokenUrl'), 'must be a URL, like https://auth.atlassian.com/oauth/token');
    return {
      scopes,
      refresh: {
        tokenUrl,
        clientIdEnv: text(at('clientIdEnv'), refresh.clientIdEnv, ENV_NAME),
        clientSecretEnv: text(at('clientSecretEnv'), refresh.clientSecretEnv, ENV_NAME),
        refreshTokenEnv: text(at('refreshTokenEnv'), refresh.refreshTokenEnv, ENV_NAME),
      },
    };
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

/** An access token for the deployment file's entry: the variable's, or a fresh one from its refresh token (the 3LO token endpoint, as JSON). */
export async function accessToken(source: TokenSource, environment: NodeJS.ProcessEnv = process.env): Promise<string> {
  if ('env' in source) return tokenFrom(source.env, environment);
  const { tokenUrl, clientIdEnv, clientSecretEnv, refreshTokenEnv } = source.refresh;
  const body = {
    grant_type: 'refresh_token',
    client_id: tokenFrom(clientIdEnv, environment),
    client_secret: tokenFrom(clientSecretEnv, environment),
    refresh_token: tokenFrom(refreshTokenEnv, environment),
  };
  const failed = (why: string) => new AppLoadError(`refreshing the token in ${refreshTokenEnv} at ${tokenUrl} failed: ${why}`);
  let response: Response;
  try {
    response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw failed(`${(error as Error).message}`);
  }
  const answer = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  if (!response.ok || typeof answer.access_token !== 'string') throw failed(`${response.status}${typeof answer.error === 'string' ? ` ${answer.error}` : ''}`);
  return answer.access_token;
}

/** The token a variable holds; a variable that is unset or empty stops the run, named. */
export function tokenFrom(env: string, environment: NodeJS.ProcessEnv = process.env): string {
  const value = environment[env]?.trim();
  if (!value) throw new AppLoadError(`the deployment file names ${env}, but it is not set: put the access token in it (a CI secret)`);
  return value;
}
