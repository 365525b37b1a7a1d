/**
 * Adaptation 2 of auth.md: an oidc-provider Grant has no field for the site the user picked at
 * consent, nor for the app (`sns`) it was for. Kept here by grant id, filled at consent (or when
 * a test mints), read by the token claims and scope rewriting, and surviving refreshes because
 * refreshed tokens keep their grant.
 */
export interface GrantSite {
  cloudId: string;
  /** `<appId>.<envId>` when the request named a known app, otherwise undefined (custom scopes dropped). */
  sns: string | undefined;
}

export class GrantSites {
  private readonly byGrant = new Map<string, GrantSite>();

  set(grantId: string, site: GrantSite): void {
    this.byGrant.set(grantId, site);
  }

  get(grantId: string | undefined): GrantSite | undefined {
    return grantId ? this.byGrant.get(grantId) : undefined;
  }
}

/** Adaptation 6: JWT access tokens are not stored, so revoking one means denying its `jti`. */
export class DeniedTokens {
  private readonly ids = new Set<string>();

  deny(jti: string): void {
    this.ids.add(jti);
  }

  has(jti: string): boolean {
    return this.ids.has(jti);
  }
}
