/** The `up` command: the platform around an app until Ctrl-C, and what to paste to call it. */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppLoadError } from '../app/app-load-error';
import { loadConformanceFile } from '../app/conformance-file';
import { concretePath } from '../conformance/matrix';
import { CONTROL_KEY_HEADER, CONTROL_KEY_PARAM } from '../platform/http/control-key';
import { loadSeedFile, type SeedItem } from '../app/seed-file';
import { ControlApiError, requestJson } from '../stack/clients/http-json';
import { PRODUCT_SCOPE } from '../platform/model';
import { loadApp } from '../app/load-app';
import type { Stack, StackOptions } from '../stack/stack';
import { startStack } from '../stack/start-stack';
import { loadVariables } from '../app/variables-file';
import { EXIT, parseCommandLine, UsageError } from './command';
import { targetOption, upstreamsOption } from './stack-options';
import type { Terminal } from './terminal';
import { controlKeyOf } from '../stack/connect';
import { HARNESS_NAMES } from '../pact/harness-names';

/** A concrete path for a route pattern: `*` becomes 1, a final `**` becomes `1/details`. */
const examplePath = (pattern: string) => pattern.replace(/\/\*\*$/, '/1/details').replace(/\/\*(?=\/|$)/g, '/1');

export async function upCommand(args: string[], terminal: Terminal): Promise<number> {
  const { values, positionals } = parseCommandLine(
    args,
    {
      port: { type: 'string' },
      upstreams: { type: 'string', multiple: true },
      variables: { type: 'string' },
      record: { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string' },
    },
    1,
  );
  const target = targetOption(values.target);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65532)
    throw new UsageError('--port takes a port number: the gateway uses it, then the 3LO server, the admin plane and the egress proxy the next three');
  const appDir = positionals[0] ?? '.';
  const upstreams = upstreamsOption(values.upstreams, appDir);
  // Read before anything starts: a mistake in it is one sentence, and nothing to stop.
  const seed = values.seed === undefined ? [] : loadSeedFile(resolve(values.seed));
  terminal.progress(`Starting the platform around ${appDir} …`);
  let stack: Stack;
  try {
    const options: StackOptions = {
      app: appDir,
      ...(port && { ports: { gateway: port, auth: port + 1, admin: port + 2, proxy: port + 3 } }),
      upstreams,
      ...(values.variables && { variables: loadVariables(resolve(appDir), { file: values.variables }) }),
      ...(values.record && { recordUpstreams: resolve(values.record) }),
      onAppLog: (line) => terminal.error(`${terminal.style('dim', '[app]', terminal.err)} ${line}`),
    };
    stack = await startStack(target, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new AppLoadError(`one of ports ${port}–${port + 3} is in use: choose another --port, or leave it out for free ones.`);
    throw error;
  }
  try {
    await printWelcome(
      terminal,
      stack,
      upstreams.filter((dir) => existsSync(dir)),
      seed,
    );
  } catch (error) {
    await stack.stop();
    throw error;
  }

  // The servers may all live in containers: keep this process alive until told to stop.
  const keepAlive = setInterval(() => {}, 1 << 30);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  clearInterval(keepAlive);
  terminal.print('\nStopping …');
  await stack.stop();
  if (values.record && existsSync(values.record)) {
    terminal.print(`Recorded ${(JSON.parse(readFileSync(values.record, 'utf8')) as unknown[]).length} upstream exchanges to ${values.record}`);
  }
  return EXIT.ok;
}

/** Writes the seed file's items into the installation, each checked as the app's write would be; the first refused is the file's error, at its line. */
async function seedInstallation(stack: Stack, installationId: string, seed: readonly SeedItem[]): Promise<void> {
  for (const { fail, ...item } of seed) {
    try {
      await requestJson(stack.urls.proxy, 'POST', `/_internal/installations/${encodeURIComponent(installationId)}/seed`, item, controlKeyOf(stack));
    } catch (error) {
      if (error instanceof ControlApiError && error.status === 400)
        throw fail(`was refused as the app's write would be: ${error.message.replace(/^.*?answered 400: /, '').replace(/\.$/, '')}`);
      throw error;
    }
  }
}

async function printWelcome(terminal: Terminal, stack: Stack, upstreams: string[], seed: readonly SeedItem[]): Promise<void> {
  const tenant = await stack.admin.createTenant({ siteName: 'Demo site', userName: 'Demo User' });
  await seedInstallation(stack, tenant.installation.id, seed);
  const customScopes = stack.app.customScopes.map((s) => s.name);
  const token = await stack.auth.mintToken({
    accountId: tenant.user.accountId,
    cloudId: tenant.site.cloudId,
    scopes: [PRODUCT_SCOPE[tenant.installation.product], ...customScopes],
    offline: true,
    ttlSeconds: 8 * 3600,
  });
  const routes = loadApp(stack.app.dir).apiRoutes;
  const conformance = loadConformanceFile(stack.app.dir, HARNESS_NAMES.platformStates);
  const example = routes.find((r) => r.operation === 'GET') ?? routes[0];
  // A route whose conformance.yaml example has a body, to show a write as well.
  const write = routes.find((r) => r.operation !== 'GET' && conformance.examples[r.key]?.body !== undefined);
  const siteHost = new URL(tenant.site.url).host;
  const bold = (text: string) => terminal.style('bold', text);
  const lines = [
    `${terminal.style('green', '✔')} ${bold(stack.app.name)} is up on the ${stack.target} platform (app ${stack.app.id}, environment ${stack.app.envId})`,
    '',
    `  gateway       ${stack.urls.gateway}`,
    `  3LO server    ${stack.urls.auth}`,
    `  admin plane   ${stack.urls.admin}`,
    `  egress proxy  ${stack.urls.proxy}`,
    '',
    `External services answer from the nock definitions in ${upstreams.length ? upstreams.join(', ') : '(none: pass --upstreams DIR)'}; loopback servers are reached for real.`,
    '',
    `Demo site "${tenant.site.name}" (cloudId ${tenant.site.cloudId}, host ${siteHost}), member "${tenant.user.name}" (${tenant.user.accountId}), REST APIs on.`,
    `Connected apps page: ${stack.admin.connectedAppsUrl(tenant.site.cloudId)}`,
    `What the installation keeps (keys, secrets by name, entities, queued events, SQL tables): ${stack.urls.proxy}/_observe/installations/${encodeURIComponent(tenant.installation.id)}?${new URLSearchParams({ [CONTROL_KEY_PARAM]: controlKeyOf(stack) })}${seed.length ? ` (seeded with ${seed.length} items)` : ''}`,
    '',
  ];
  if (example) {
    const path = conformance.examples[example.key] ? concretePath(example, conformance) : examplePath(example.routePath);
    const siteForm = `${stack.urls.gateway}/gateway/api/svc/${tenant.installation.product}/apps/${stack.app.id}_${stack.app.envId}${path}`;
    // The token once, as a line a shell can paste; the commands below refer to it.
    lines.push('A token holding every scope (valid 8 hours), for the commands below:', '');
    lines.push(`export TOKEN_FULL='${token.access_token}'`, '');
    lines.push(`Call ${example.operation} ${example.routePath} in the api.atlassian.com form:`, '');
    lines.push(`curl -i -X ${example.operation} '${stack.apiUrl(tenant, path)}' -H "Authorization: Bearer $TOKEN_FULL"`, '');
    lines.push(`or in the site's own form, the site known from the Host header (${siteHost}):`, '');
    lines.push(`curl -i -X ${example.operation} '${siteForm}' -H 'Host: ${siteHost}' -H "Authorization: Bearer $TOKEN_FULL"`, '');
    if (write) {
      const body = conformance.examples[write.key]!.body;
      lines.push(`${write.operation} ${write.routePath} with its example body from conformance.yaml:`, '');
      lines.push(`curl -i -X ${write.operation} '${stack.apiUrl(tenant, concretePath(write, conformance))}' -H 'Content-Type: application/json' \\`);
      lines.push(`  -H "Authorization: Bearer $TOKEN_FULL" --data '${(typeof body === 'string' ? body : JSON.stringify(body)).replace(/'/g, "'\\''")}'`, '');
    }
  } else {
    lines.push('The app declares no apiRoute: there is nothing to call.', '');
  }
  lines.push('Or get a token the way a customer would, through the consent screen (log in as the demo user):', '');
  lines.push(`  ${stack.auth.authorizationUrl({ scopes: customScopes })}`, '');
  lines.push(
    `Exchange the code: POST ${stack.urls.auth}/oauth/token with JSON {grant_type: "authorization_code", client_id: "${stack.auth.client.clientId}", client_secret: "${stack.auth.client.clientSecret}", code, redirect_uri: "${stack.auth.client.redirectUris[0]}"}`,
  );
  lines.push('', `The admin plane's API, the test controls (/_test) and the observation logs (/_observe) answer only to this stack's control key:`);
  lines.push(`  -H '${CONTROL_KEY_HEADER}: ${controlKeyOf(stack)}'   (the Connected apps link above carries it as ?key=)`);
  lines.push('', 'Ready. Press Ctrl-C to stop.');
  terminal.clearProgress();
  for (const line of lines) terminal.print(line);
}
