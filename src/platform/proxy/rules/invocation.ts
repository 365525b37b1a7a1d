import { Refusal } from '../../http/refusal';
import type { Acting, Authorized, ProxyRule } from './rule';

/**
 * The invocation the authorization names (`id=`, or a running one of `installationId=`) is live
 * and belongs to this app: an unknown, finished or foreign one is 403 `INVALID_INVOCATION`.
 */
export const invocation: ProxyRule<Authorized, Acting> = async (call, { profile, invocations, app }) => {
  const { auth } = call;
  const refuse = (reason: string) => Refusal.proxy(profile.proxy.refusals.invalidInvocation, reason);
  let live;
  if (auth.invocationId !== undefined) {
    const found = await invocations.find(auth.invocationId);
    if (!found) throw refuse(`no invocation ${auth.invocationId}`);
    if (found.state === 'finished') throw refuse(`invocation ${auth.invocationId} has finished`);
    live = found.invocation;
  } else {
    live = await invocations.liveForInstallation(auth.installationId!);
    if (!live) throw refuse(`installation ${auth.installationId} has no running invocation`);
  }
  if (live.appId !== app.id || live.envId !== app.envId) throw refuse(`invocation ${live.invocationId} belongs to another app`);
  return { ...call, invocation: live };
};
