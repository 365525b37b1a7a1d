import type { MintedToken } from '../../platform/auth/mint';

import type { OAuthClient } from '../../platform/auth/provider';
import { ControlApiError, requestJson } from './http-json';
import { PageSession } from './page-session';
import { AUDIENCE, type Product, PRODUCT_SCOPE } from '../../platform/model';

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

export interface AuthorizationUrlOptions {
  /** The app's custom scopes to ask for (plain names, e.g. read:employee:custom). */
  scopes: readonly string[];
  product?: Product;
  offline?: boolean;
  state?: string;
  redirectUri?: string;
  /** Leave `sns` out, as hand-written URLs often do: the consent page then drops the custom scopes. */
  omitSns?: boolean;
  /** Reproduce ECO-1289: the developer console's URL leaves the product scope out, so every call fails the scope check. */
  reproduceEco1289?: boolean;
}

/** The 3LO server, over HTTP: the real consent flow, code exchange and refresh, plus test-only minting. */
export class AuthClient {
  constructor(
    readonly url: string,
    readonly client: OAuthClient,
    /** `<appId>.<envId>` of the app under test. */
    readonly sns: string,
    /** The stack's control key, for the test controls (absent on a real deployment). */
    private readonly controlKey?: string,
  ) {}

  /** The authorization URL the way the developer console builds it (facts.md §4). */
  authorizationUrl({ scopes, product = 'jira', offline = true, state = 'state', redirectUri, omitSns, reproduceEco1289 }: AuthorizationUrlOptions): string {
    const scope = [...(reproduceEco1289 ? [] : [PRODUCT_SCOPE[product]]), ...scopes, ...(offline ? ['offline_access'] : [])].join(' ');
    const query = new URLSearchParams({
      audience: AUDIENCE,
      client_id: this.client.clientId,
      scope,
      redirect_uri: redirectUri ?? this.client.redirectUris[0]!,
      state,
      response_type: 'code',
      prompt: 'consent',
      ...(omitSns ? {} : { sns: this.sns }),
    });
    return `${this.url}/authorize?${query}`;
  }

  /** Exchanges a code at /oauth/token with a JSON body, as Atlassian's token endpoint takes it. */
  exchangeCode(code: string, redirectUri = this.client.redirectUris[0]!): Promise<TokenResponse> {
    return requestJson(this.url, 'POST', '/oauth/token', {
      grant_type: 'authorization_code',
      client_id: this.client.clientId,
      client_secret: this.client.clientSecret,
      code,
      redirect_uri: redirectUri,
    });
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return requestJson(this.url, 'POST', '/oauth/token', {
      grant_type: 'refresh_token',
      client_id: this.client.clientId,
      client_secret: this.client.clientSecret,
      refresh_token: refreshToken,
    });
  }

  /**
   * The whole consent flow through the real pages, without a browser: log in as `accountId`,
   * pick `cloudId`, untick `untick`, accept, exchange the code.
   */
  async consent({
    accountId,
    cloudId,
    untick = [],
    ...urlOptions
  }: AuthorizationUrlOptions & { accountId: string; cloudId: string; untick?: readonly string[] }): Promise<TokenResponse> {
    const browser = new PageSession();
    let response = await browser.follow(this.authorizationUrl(urlOptions));
    const loginForm = await response.text();
    if (!loginForm.includes(accountId)) throw new ControlApiError(response.status, `the login page does not offer ${accountId}`);
    response = await browser.follow(new URL(`${new URL(response.url).pathname}/login`, this.url).href, { accountId });
    const page = await response.text();
    const scopes = [...page.matchAll(/name="scope" value="([^"]+)"/g)].map((m) => m[1]!).filter((s) => !untick.includes(s));
    if (!/action="([^"]+\/consent)"/.test(page))
      throw new ControlApiError(response.status, `consent refused: ${/role="alert">([^<]*)</.exec(page)?.[1] ?? 'no consent form'}`);
    const action = /action="([^"]+\/consent)"/.exec(page)![1]!;
    response = await browser.follow(new URL(action, this.url).href, { cloudId, scope: scopes });
    const code = new URL(response.url).searchParams.get('code');
    if (!code)
      throw new ControlApiError(
        response.status,
        `no authorization code: ${new URL(response.url).searchParams.get('error_description') ?? (await response.text()).slice(0, 200)}`,
      );
    return this.exchangeCode(code);
  }

  /** Test-only: a token for any user, site and scopes, also expired or short-lived (absent on a real deployment). */
  mintToken(options: {
    accountId: string;
    cloudId: string;
    scopes: readonly string[];
    offline?: boolean;
    expired?: boolean;
    ttlSeconds?: number;
    sns?: string | null;
    audience?: string;
  }): Promise<MintedToken> {
    return requestJson(this.url, 'POST', '/_test/tokens', options, this.controlKey);
  }

  async revokeGrant(grantId: string): Promise<void> {
    await requestJson(this.url, 'POST', `/_test/grants/${encodeURIComponent(grantId)}/revoke`, undefined, this.controlKey);
  }

  async denyToken(jti: string): Promise<void> {
    await requestJson(this.url, 'POST', '/_test/denied-tokens', { jti }, this.controlKey);
  }
}
