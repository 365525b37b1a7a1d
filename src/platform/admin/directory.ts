/** The admin plane's state: sites, users, memberships, installations and their REST API switch. */
import { randomUUID } from 'node:crypto';
import { Refusal } from '../http/refusal';
import { PRODUCTS, type Product } from '../model';

export interface Site {
  cloudId: string;
  name: string;
  /** The site's own URL, e.g. https://acme.atlassian.net; its host selects the site on `/gateway/api/…` calls. */
  url: string;
}

export interface User {
  accountId: string;
  name: string;
  email: string;
}

/** The app (one environment of it) installed in one product on one site. */
export interface Installation {
  id: string;
  cloudId: string;
  appId: string;
  envId: string;
  product: Product;
  /** REST APIs are disabled by default per site (facts.md §3). */
  restApiEnabled: boolean;
}

/**
 * The admin plane's state: sites, users and memberships, installations and their REST API
 * switch. Tests isolate themselves by data: each makes its own site, user and installation.
 */
export class AdminDirectory {
  private readonly sites = new Map<string, Site>();
  private readonly users = new Map<string, User>();
  private readonly members = new Map<string, Set<string>>();
  private readonly installations = new Map<string, Installation>();

  createSite({ name, url }: { name?: string; url?: string } = {}): Site {
    const cloudId = randomUUID();
    const siteName = name?.trim() || `site-${cloudId.slice(0, 8)}`;
    const slug =
      siteName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || cloudId.slice(0, 8);
    const siteUrl = url ?? `https://${slug}-${cloudId.slice(0, 8)}.atlassian.net`;
    if (!/^https?:\/\/[^/]+$/.test(siteUrl)) throw new Refusal(400, 'a site url is a scheme and host, e.g. https://acme.atlassian.net');
    if (this.siteByHost(new URL(siteUrl).host)) throw new Refusal(409, `a site with the url ${siteUrl} exists already`);
    const site = { cloudId, name: siteName, url: siteUrl };
    this.sites.set(cloudId, site);
    this.members.set(cloudId, new Set());
    return site;
  }

  site(cloudId: string): Site {
    const site = this.sites.get(cloudId);
    if (!site) throw new Refusal(404, `no site ${cloudId}`);
    return site;
  }

  findSite(cloudId: string): Site | undefined {
    return this.sites.get(cloudId);
  }

  siteByHost(host: string): Site | undefined {
    const wanted = host.toLowerCase();
    return [...this.sites.values()].find((s) => new URL(s.url).host.toLowerCase() === wanted);
  }

  /** A new user; with `accountId`, that user (created once, the same one after). */
  createUser({ name, email, accountId: wanted }: { name?: string; email?: string; accountId?: string } = {}): User {
    if (wanted !== undefined) {
      if (!/^[\w:.-]{1,128}$/.test(wanted)) throw new Refusal(400, 'accountId may hold letters, digits, ":", ".", "-" and "_"');
      const existing = this.users.get(wanted);
      if (existing) return existing;
    }
    const accountId = wanted ?? `712020:${randomUUID()}`;
    const userName = name?.trim() || `User ${accountId.replace(/\W/g, '').slice(-8)}`;
    const user = { accountId, name: userName, email: email ?? `${accountId.replace(/\W/g, '').slice(-8)}@example.com` };
    this.users.set(accountId, user);
    return user;
  }

  user(accountId: string): User {
    const user = this.users.get(accountId);
    if (!user) throw new Refusal(404, `no user ${accountId}`);
    return user;
  }

  allUsers(): User[] {
    return [...this.users.values()];
  }

  addMember(cloudId: string, accountId: string): void {
    this.site(cloudId);
    this.user(accountId);
    this.members.get(cloudId)!.add(accountId);
  }

  isMember(cloudId: string, accountId: string): boolean {
    return this.members.get(cloudId)?.has(accountId) ?? false;
  }

  /** Sites where the user is a member. */
  sitesOf(accountId: string): Site[] {
    return [...this.sites.values()].filter((s) => this.isMember(s.cloudId, accountId));
  }

  install({ cloudId, appId, envId, product }: Omit<Installation, 'id' | 'restApiEnabled'>): Installation {
    this.site(cloudId);
    if (!PRODUCTS.includes(product)) throw new Refusal(400, `product must be one of ${PRODUCTS.join(', ')}`);
    const existing = this.findInstallation(cloudId, appId, envId);
    if (existing) throw new Refusal(409, `the app is installed on ${cloudId} already (installation ${existing.id})`);
    const installation = { id: randomUUID(), cloudId, appId, envId, product, restApiEnabled: false };
    this.installations.set(installation.id, installation);
    return installation;
  }

  installation(id: string): Installation {
    const installation = this.installations.get(id);
    if (!installation) throw new Refusal(404, `no installation ${id}`);
    return installation;
  }

  findInstallation(cloudId: string, appId: string, envId: string): Installation | undefined {
    return [...this.installations.values()].find((i) => i.cloudId === cloudId && i.appId === appId && i.envId === envId);
  }

  installationsOn(cloudId: string): Installation[] {
    return [...this.installations.values()].filter((i) => i.cloudId === cloudId);
  }

  setRestApiEnabled(id: string, enabled: boolean): Installation {
    const installation = this.installation(id);
    installation.restApiEnabled = enabled;
    return installation;
  }
}
