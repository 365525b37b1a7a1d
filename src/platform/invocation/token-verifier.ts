/** Verifying 3LO access tokens: signature, issuer, audience, expiry, issue time, revocation. */
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';

import { AUDIENCE } from '../model';

export interface TokenVerifierOptions {
  /** The 3LO server's issuer URL. */
  issuer: string;
  /** Its public keys: in process, or fetched (and cached) from its JWKS endpoint. */
  jwks: { keys: object[] } | URL;
  /** Whether a token id was revoked, alone or with its grant (facts.md §8, item 6). */
  isDenied: (jti: string) => boolean | Promise<boolean>;
  /** How far in the future `iat` may lie (profile `gateway.clockToleranceSeconds`). */
  clockToleranceSeconds: number;
}

/** What a verified token says of its caller. */
export interface VerifiedToken {
  jti: string;
  accountId: string;
  cloudId: string | undefined;
  /** `<appId>.<envId>` the token was issued for. */
  sns: string | undefined;
  scopes: Set<string>;
}

/** Why a bearer token was refused; never shown to the caller, only logged. */
export class InvalidToken extends Error {}

/**
 * Verifies 3LO access tokens as the gateway must: signature, issuer, audience, expiry,
 * revocation. A signature that verified once verifies forever, so verified tokens are kept
 * (bounded); expiry and revocation are still checked on every call.
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly verified = new Map<string, VerifiedToken & { exp: number }>();
  private static readonly CACHE_SIZE = 10_000;

  constructor(private readonly options: TokenVerifierOptions) {
    this.keys = options.jwks instanceof URL ? createRemoteJWKSet(options.jwks) : createLocalJWKSet(options.jwks as never);
  }

  async verify(token: string): Promise<VerifiedToken> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 <= Date.now()) throw new InvalidToken('the token has expired');
      if (await this.options.isDenied(known.jti)) throw new InvalidToken('the token was revoked');
      return known;
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { issuer: this.options.issuer, audience: AUDIENCE, algorithms: ['RS256'] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new InvalidToken('the token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new InvalidToken(`the token's ${error.claim} claim is wrong`);
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new InvalidToken('the token signature does not verify');
      throw new InvalidToken(`the token is malformed (${(error as Error).message})`);
    }
    // jose checks exp and nbf; a token issued in the future was not issued by this server's clock.
    if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + this.options.clockToleranceSeconds)
      throw new InvalidToken('the token was issued in the future, or names no issue time');
    const jti = typeof payload.jti === 'string' ? payload.jti : '';
    if (!jti || (await this.options.isDenied(jti))) throw new InvalidToken('the token was revoked');
    if (typeof payload.sub !== 'string') throw new InvalidToken('the token names no user');
    const result = {
      jti,
      exp: typeof payload.exp === 'number' ? payload.exp : 0,
      accountId: payload.sub,
      cloudId: typeof payload.cloud_id === 'string' ? payload.cloud_id : undefined,
      sns: typeof payload.sns === 'string' ? payload.sns : undefined,
      scopes: new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []),
    };
    if (this.verified.size >= TokenVerifier.CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, result);
    return result;
  }
}
