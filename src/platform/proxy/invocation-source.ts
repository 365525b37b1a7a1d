/**
 * Where the proxy learns which invocations it may act for. The gateway keeps the invocations it
 * runs and answers when a request names one (a call costs the gateway nothing extra; only a
 * request that egresses asks); the proxy's own registry holds those registered with it directly
 * (the harness's contract verification of the proxy, and tests), and is asked first.
 */
import { CONTROL_KEY_HEADER } from '../http/control-key';
import type { FoundInvocation, InvocationRegistry, LiveInvocation } from '../invocation/registry';

export interface InvocationSource {
  find(invocationId: string): Promise<FoundInvocation | undefined>;
  /** A live invocation of an installation, for `installationId=` authorization. */
  liveForInstallation(installationId: string): Promise<LiveInvocation | undefined>;
}

/** The gateway's invocations, over its control API. */
export function gatewayInvocations(gatewayUrl: string, controlKey: string): InvocationSource {
  const ask = async <T>(path: string): Promise<T | undefined> => {
    const response = await fetch(`${gatewayUrl}${path}`, { headers: { [CONTROL_KEY_HEADER]: controlKey } });
    if (response.status === 404) return void (await response.arrayBuffer());
    if (!response.ok) throw new Error(`the gateway answered ${response.status} about ${path}`);
    return (await response.json()) as T;
  };
  return {
    find: (invocationId) => ask<FoundInvocation>(`/_internal/invocations/${encodeURIComponent(invocationId)}`),
    liveForInstallation: (installationId) => ask<LiveInvocation>(`/_internal/invocations?installationId=${encodeURIComponent(installationId)}`),
  };
}

/**
 * The proxy's own registry first, then the gateway's invocations when there is a gateway to ask.
 * A live one the gateway names is kept in the registry, so its next requests ask no one: the
 * gateway, told it was asked, finishes it here before its call's answer goes out.
 */
export function invocationSources(own: InvocationRegistry, gateway: InvocationSource | undefined): InvocationSource {
  const learned = (found: LiveInvocation | undefined) => {
    if (found) own.start(found);
    return found;
  };
  return {
    find: async (invocationId) => {
      const known = own.find(invocationId);
      if (known || !gateway) return known;
      const found = await gateway.find(invocationId);
      if (found?.state === 'live') learned(found.invocation);
      // Finished here meanwhile (the registry never brings back a finished id): say what the registry says.
      return own.find(invocationId) ?? found;
    },
    liveForInstallation: async (installationId) => own.liveForInstallation(installationId) ?? learned(await gateway?.liveForInstallation(installationId)),
  };
}
