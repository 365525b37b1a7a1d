import type { Installation, Product, Site, User } from '../../platform/admin/directory';
import { requestJson } from './http-json';

/** A site of one's own with a member and the app installed: how each test isolates itself. */
export interface Tenant {
  site: Site;
  user: User;
  installation: Installation;
}

/** The admin plane, over its HTTP API: works the same for every target. */
export class AdminClient {
  constructor(readonly url: string) {}

  createSite(options: { name?: string; url?: string } = {}): Promise<Site> {
    return requestJson(this.url, 'POST', '/api/sites', options);
  }

  createUser(options: { name?: string; email?: string; accountId?: string } = {}): Promise<User> {
    return requestJson(this.url, 'POST', '/api/users', options);
  }

  async addMember(cloudId: string, accountId: string): Promise<void> {
    await requestJson(this.url, 'POST', `/api/sites/${encodeURIComponent(cloudId)}/members`, { accountId });
  }

  /** Installs the app on a site, in `product` or the app's own product. */
  install(cloudId: string, product?: Product): Promise<Installation> {
    return requestJson(this.url, 'POST', '/api/installations', { cloudId, ...(product && { product }) });
  }

  setRestApiEnabled(installationId: string, enabled: boolean): Promise<Installation> {
    return requestJson(this.url, 'PUT', `/api/installations/${encodeURIComponent(installationId)}/rest-api`, { enabled });
  }

  connectedAppsUrl(cloudId: string): string {
    return new URL(`/sites/${encodeURIComponent(cloudId)}/connected-apps`, this.url).href;
  }

  /** A fresh site with one member and the app installed, REST APIs on unless `enabled: false`. */
  createTenant(options: { product?: Product; enabled?: boolean; siteName?: string; userName?: string; accountId?: string } = {}): Promise<Tenant> {
    return requestJson(this.url, 'POST', '/api/tenants', options);
  }
}
