import type { Installation, Site, User } from '../../platform/admin/directory';
import { CONTROL_KEY_PARAM } from '../../platform/http/control-key';
import { requestJson } from './http-json';
import type { Product } from '../../platform/model';

/** A site of one's own with a member and the app installed: how each test isolates itself. */
export interface Tenant {
  site: Site;
  user: User;
  installation: Installation;
}

/**
 * The admin plane, over its HTTP API: works the same for every target. The admin plane stands for
 * Atlassian's admin UI behind an admin's login, so it answers only to the stack's control key.
 */
export class AdminClient {
  constructor(
    readonly url: string,
    private readonly controlKey: string,
  ) {}

  private request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson(this.url, method, path, body, this.controlKey);
  }

  createSite(options: { name?: string; url?: string } = {}): Promise<Site> {
    return this.request('POST', '/api/sites', options);
  }

  createUser(options: { name?: string; email?: string; accountId?: string } = {}): Promise<User> {
    return this.request('POST', '/api/users', options);
  }

  async addMember(cloudId: string, accountId: string): Promise<void> {
    await this.request('POST', `/api/sites/${encodeURIComponent(cloudId)}/members`, { accountId });
  }

  /** Installs the app on a site, in `product` or the app's own product. */
  install(cloudId: string, product?: Product): Promise<Installation> {
    return this.request('POST', '/api/installations', { cloudId, ...(product && { product }) });
  }

  setRestApiEnabled(installationId: string, enabled: boolean): Promise<Installation> {
    return this.request('PUT', `/api/installations/${encodeURIComponent(installationId)}/rest-api`, { enabled });
  }

  /** The Connected apps page, with the control key on the URL for a browser (a page cannot set headers). */
  connectedAppsUrl(cloudId: string): string {
    const url = new URL(`/sites/${encodeURIComponent(cloudId)}/connected-apps`, this.url);
    url.searchParams.set(CONTROL_KEY_PARAM, this.controlKey);
    return url.href;
  }

  /** A fresh site with one member and the app installed, REST APIs on unless `enabled: false`. */
  createTenant(options: { product?: Product; enabled?: boolean; siteName?: string; userName?: string; accountId?: string } = {}): Promise<Tenant> {
    return this.request('POST', '/api/tenants', options);
  }
}
