import { scopeNamespace } from '../../auth/app-identity';
import { GatewayRejection } from '../rejection';
import { InvalidToken } from '../token-verifier';
import type { GatewayCheck } from './check';

/** A valid 3LO bearer token, issued for this site and (when it names one) this app environment. */
export const token: GatewayCheck = async (call, { profile, tokens, app }) => {
  const reject = (reason: string) => new GatewayRejection('token', profile.rejections.unauthorized, reason);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(call.request.headers.authorization ?? '');
  if (!match) throw reject(call.request.headers.authorization ? 'the Authorization header is not a bearer token' : 'no Authorization header');
  try {
    call.token = await tokens.verify(match[1]!);
  } catch (error) {
    if (error instanceof InvalidToken) throw reject(error.message);
    throw error;
  }
  if (call.token.cloudId !== call.site!.cloudId) throw reject(`the token is for site ${call.token.cloudId ?? '(none)'}, not ${call.site!.cloudId}`);
  if (call.token.sns !== undefined && call.token.sns !== scopeNamespace(app)) throw reject(`the token is for app ${call.token.sns}`);
};
