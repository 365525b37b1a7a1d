import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout } from 'node:timers/promises';
import { AdminClient } from './clients/admin-client';
import { AuthClient } from './clients/auth-client';
import { ObservationClient } from './clients/observation-client';
import { NotOnRemote, remoteStack } from './remote/remote-stack';
import type { Stack, StackDescription } from './stack';

export type { LocalStackDescription, StackDescription } from './stack';

/** A Stack over HTTP from its description; `stop` is the owner's (a no-op for a borrowed stack). */
export function stackFrom(description: StackDescription, stop: () => Promise<void> = async () => {}): Stack {
  if (description.target === 'remote') return remoteStack(description.remote);
  const { urls, app } = description;
  return {
    target: description.target,
    app,
    profile: description.profile,
    urls,
    description,
    admin: new AdminClient(urls.admin, description.controlKey),
    auth: new AuthClient(urls.auth, description.oauthClient, description.sns, description.controlKey),
    observations: new ObservationClient(urls.gateway, urls.proxy, description.controlKey),
    apiUrl: ({ site, installation }, path) => `${urls.gateway}/svc/${installation.product}/${site.cloudId}/apps/${app.id}_${app.envId}${path}`,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** The control key of a stack this process may control; a real deployment has none (its checks are skipped). */
export function controlKeyOf(stack: Pick<Stack, 'description'>): string {
  if (stack.description.target === 'remote') throw new NotOnRemote('the control endpoints exist only on the emulated platform');
  return stack.description.controlKey;
}

/**
 * The file through which a `run` hands its stack to the Playwright workers. The run starts
 * Playwright and the stack at once, so the file appears (whole) only once the stack is up; it
 * holds the control key, so it lives outside the report folder, readable by its owner alone.
 */
export const STACK_FILE_ENV = 'FORGE_CONFORMANCE_STACK_FILE';

/** Hands the stack over: written aside, then renamed, so a reader never sees half of it. */
export function publishStack(file: string, description: StackDescription): void {
  writeFileSync(`${file}.partial`, JSON.stringify(description), { mode: 0o600 });
  renameSync(`${file}.partial`, file);
}

/** The stack a run is starting for this worker, once it is up; undefined outside a run. */
export async function borrowedStack(timeoutMs: number): Promise<Stack | undefined> {
  const file = process.env[STACK_FILE_ENV];
  if (!file) return undefined;
  for (const deadline = Date.now() + timeoutMs; !existsSync(file); await setTimeout(20))
    if (Date.now() > deadline) throw new Error(`the run's platform was not up after ${timeoutMs / 1000} s`);
  return stackFrom(JSON.parse(readFileSync(file, 'utf8')) as StackDescription);
}
