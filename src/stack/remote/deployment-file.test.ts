import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { accessToken, loadDeploymentFile, tokenFrom } from './deployment-file';

const GOOD = `version: 1
product: jira
cloudId: 11111111-2222-4333-8444-555555555555
appId: ari:cloud:ecosystem::app/8f2c7a4e-5b1d-4c3a-9e6f-2a7b9c1d0e34
environmentId: 40dfb966-c44a-4bd9-8a31-4f5f15e82254
gateway: https://acme.atlassian.net/gateway/api/
tokens:
  - env: FORGE_TOKEN_READ
    scopes: [read:forge-app:jira, read:employee:custom]
disabledSite:
  cloudId: 99999999-2222-4333-8444-555555555555
  env: FORGE_TOKEN_DISABLED
`;

const profileFile = (text: string) => {
  const file = test.info().outputPath('remote.yaml');
  writeFileSync(file, text);
  return file;
};

test('a profile names the deployment, the gateway in either form and where each token is; never a token itself', () => {
  expect(loadDeploymentFile(profileFile(GOOD))).toEqual({
    product: 'jira',
    cloudId: '11111111-2222-4333-8444-555555555555',
    appId: '8f2c7a4e-5b1d-4c3a-9e6f-2a7b9c1d0e34',
    envId: '40dfb966-c44a-4bd9-8a31-4f5f15e82254',
    gateway: 'https://acme.atlassian.net/gateway/api',
    tokens: [{ env: 'FORGE_TOKEN_READ', scopes: ['read:forge-app:jira', 'read:employee:custom'] }],
    disabledSite: { cloudId: '99999999-2222-4333-8444-555555555555', env: 'FORGE_TOKEN_DISABLED' },
  });
});

test('a token may come from a refresh token and the client credentials, fetched when the run starts', async () => {
  const refresh = GOOD.replace(
    '  - env: FORGE_TOKEN_READ\n',
    '  - refresh:\n      tokenUrl: https://auth.atlassian.com/oauth/token\n      clientIdEnv: FORGE_CLIENT_ID\n      clientSecretEnv: FORGE_CLIENT_SECRET\n      refreshTokenEnv: FORGE_REFRESH_READ\n',
  );
  const [token] = loadDeploymentFile(profileFile(refresh)).tokens;
  expect(token).toEqual({
    scopes: ['read:forge-app:jira', 'read:employee:custom'],
    refresh: {
      tokenUrl: 'https://auth.atlassian.com/oauth/token',
      clientIdEnv: 'FORGE_CLIENT_ID',
      clientSecretEnv: 'FORGE_CLIENT_SECRET',
      refreshTokenEnv: 'FORGE_REFRESH_READ',
    },
  });
  // Its variables are read before anything is asked of the token endpoint.
  await expect(accessToken(token!, { FORGE_CLIENT_ID: 'id' })).rejects.toThrow('the deployment file names FORGE_CLIENT_SECRET, but it is not set');
  // A token endpoint that refuses is one sentence naming the variable and the endpoint (here: nothing listens on port 9).
  const unreachable = {
    scopes: token!.scopes,
    refresh: {
      tokenUrl: 'http://127.0.0.1:9/oauth/token',
      clientIdEnv: 'FORGE_CLIENT_ID',
      clientSecretEnv: 'FORGE_CLIENT_SECRET',
      refreshTokenEnv: 'FORGE_REFRESH_READ',
    },
  };
  await expect(accessToken(unreachable, { FORGE_CLIENT_ID: 'id', FORGE_CLIENT_SECRET: 'secret', FORGE_REFRESH_READ: 'r' })).rejects.toThrow(
    /^refreshing the token in FORGE_REFRESH_READ at http:\/\/127\.0\.0\.1:9\/oauth\/token failed: /,
  );
  expect(() => loadDeploymentFile(profileFile(refresh.replace('      refreshTokenEnv: FORGE_REFRESH_READ\n', '')))).toThrow(
    'remote.yaml:9: tokens.0.refresh.refreshTokenEnv is required.',
  );
});

test('what is wrong in a profile is one sentence at its line', () => {
  const refused = (text: string) => {
    try {
      loadDeploymentFile(profileFile(text));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the profile was accepted');
  };
  expect(refused(GOOD.replace('product: jira', 'product: bitbucket'))).toBe('remote.yaml:2: product must be jira or confluence.');
  expect(refused(GOOD.replace('gateway: https://acme.atlassian.net/gateway/api/', 'gateway: not a url'))).toMatch(/^remote\.yaml:6: gateway must be a URL/);
  expect(refused(GOOD.replace('  - env: FORGE_TOKEN_READ', '  - env: "not a name"'))).toBe('remote.yaml:8: tokens.0.env is not an environment variable name.');
  expect(refused(GOOD.replace('    scopes: [read:forge-app:jira, read:employee:custom]', '    scopes: read'))).toBe(
    'remote.yaml:9: tokens.0.scopes must list the scopes the token was granted.',
  );
  expect(refused(GOOD.replace('version: 1', 'version: 2'))).toBe('remote.yaml:1: version must be 1.');
  expect(refused('tokens: [unclosed')).toMatch(/^remote\.yaml:1: .*fix the YAML\.$/);
  expect(refused(GOOD.replace(/cloudId: 1.*\n/, ''))).toBe('remote.yaml:1: cloudId is required.');
  expect(() => loadDeploymentFile(test.info().outputPath('none.yaml'))).toThrow(/none\.yaml: does not exist/);
});

test('a token variable that is not set stops the run, named', () => {
  expect(tokenFrom('FORGE_TOKEN_READ', { FORGE_TOKEN_READ: ' t0k3n ' })).toBe('t0k3n');
  expect(() => tokenFrom('FORGE_TOKEN_READ', {})).toThrow('the deployment file names FORGE_TOKEN_READ, but it is not set');
});
