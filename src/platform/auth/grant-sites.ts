/**
 * facts.md §8 (2): an oidc-provider Grant has no field for the site the user picked at
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

/**
 * Adaptation 6: JWT access tokens are not stored, so revoking one means denying its `jti`. A
 * token also dies with its grant (revoked by the test controls, or by oidc-provider when a
 * rotated refresh token is reused): Atlassian revokes an access token together with its
 * companion refresh token (profile `auth.revokedGrantAccessTokens`), so each issued token's grant
 * is remembered (bounded) to answer for it.
 */
export class DeniedTokens {
  private readonly ids = new Set<string>();
  private readonly grantOf = new Map<string, string>();
  private readonly revokedGrants = new Set<string>();
  private static readonly REMEMBERED = 100_000;

  deny(jti: string): void {
    this.ids.add(jti);
  }

  /** An access token was issued for a grant. */
  issued(jti: string, grantId: string): void {
    if (this.grantOf.size >= DeniedTokens.REMEMBERED) this.grantOf.delete(this.grantOf.keys().next().value!);
    this.grantOf.set(jti, grantId);
  }

  revokeGrant(grantId: string): void {
    this.revokedGrants.add(grantId);
  }

  has(jti: string): boolean {
    const grantId = this.grantOf.get(jti);
    return this.ids.has(jti) || (grantId !== undefined && this.revokedGrants.has(grantId));
  }
}
