import { CONTROL_KEY_HEADER } from '../http/control-key';
import type { AdminDirectory, Installation, Site } from './directory';

/** What the gateway asks of the admin plane on every call: in process, or over HTTP. */
export interface DirectoryLookup {
  findSite(cloudId: string): Promise<Site | undefined>;
  siteByHost(host: string): Promise<Site | undefined>;
  findInstallation(cloudId: string, appId: string, envId: string): Promise<Installation | undefined>;
}

/** The embedded target's lookup: the directory itself. */
export function lookupInProcess(directory: AdminDirectory): DirectoryLookup {
  return {
    findSite: async (cloudId) => directory.findSite(cloudId),
    siteByHost: async (host) => directory.siteByHost(host),
    findInstallation: async (cloudId, appId, envId) => directory.findInstallation(cloudId, appId, envId),
  };
}

/** The lookup across processes or containers: the admin plane's internal endpoints, with the stack's control key. */
export function lookupOverHttp(adminUrl: string, controlKey: string): DirectoryLookup {
  const get = async <T>(path: string): Promise<T | undefined> => {
    const response = await fetch(new URL(path, adminUrl), { headers: { [CONTROL_KEY_HEADER]: controlKey } });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`the admin plane answered ${response.status} to ${path}`);
    return (await response.json()) as T;
  };
  return {
    findSite: (cloudId) => get(`/_internal/sites/${encodeURIComponent(cloudId)}`),
    siteByHost: (host) => get(`/_internal/sites-by-host/${encodeURIComponent(host)}`),
    findInstallation: (cloudId, appId, envId) =>
      get(`/_internal/installations/${encodeURIComponent(cloudId)}/${encodeURIComponent(appId)}/${encodeURIComponent(envId)}`),
  };
}
