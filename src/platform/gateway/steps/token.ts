/** The gateway step that verifies the caller's 3LO bearer token. */
import { Refusal } from '../../http/refusal';
import { bearerToken } from '../../invocation/caller-token';
import { InvalidToken } from '../../invocation/token-verifier';
import type { GatewayStep } from './step';
import { urlSite } from './url-site';
import { scopeNamespace } from '../../model';

/**
 * A valid 3LO bearer token, issued for the site the URL names (by cloudId, or by the host of a
 * site-gateway URL) and, when it names one, this app environment. It does not need the
 * installation: a token for another site is refused before anything is said about this one.
 */
export const token: GatewayStep<'token'> = async (call, { profile, tokens, app, directory }) => {
  const reject = (reason: string) => Refusal.gateway('token', profile.refusals.unauthorized, reason);
  const bearer = bearerToken(call.request.headers.authorization);
  if (!bearer) throw reject(call.request.headers.authorization ? 'the Authorization header is not a bearer token' : 'no Authorization header');
  try {
    call.token = await tokens.verify(bearer);
    call.bearer = bearer;
  } catch (error) {
    if (error instanceof InvalidToken) throw reject(error.message);
    throw error;
  }
  const url = call.url;
  const cloudId = url.cloudId ?? (await urlSite(call, directory))?.cloudId;
  if (call.token.cloudId !== cloudId) throw reject(`the token is for site ${call.token.cloudId ?? '(none)'}, not ${cloudId ?? `the host ${url.host}`}`);
  if (call.token.sns !== undefined && call.token.sns !== scopeNamespace(app)) throw reject(`the token is for app ${call.token.sns}`);
};
