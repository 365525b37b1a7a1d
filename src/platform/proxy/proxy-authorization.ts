/** Parsing `forge-proxy-authorization` strictly. */
import type { PlatformProfile } from '../profile';
import { Refusal } from '../http/refusal';

import { PROXY_AUTHORIZATION } from '../invocation/wire-names';

/** `Forge as=app,id=<invocation-id>` (or `installationId=`, and `accountId=` with `as=user`), parsed. */
export interface ProxyAuthorization {
  as: 'app' | 'user';
  invocationId: string | undefined;
  installationId: string | undefined;
  accountId: string | undefined;
}

const PAIR = /^([A-Za-z]+)=([A-Za-z0-9:._\-]+)$/;

/**
 * Parses the header strictly (facts.md §6): the `Forge` scheme, comma-separated key=value
 * pairs, each key once, `as` required, exactly one of `id` and `installationId`, and `accountId`
 * only with `as=user`.
 */
export function parseProxyAuthorization(header: string | undefined, profile: PlatformProfile): ProxyAuthorization {
  const { missingAuthorization, invalidAuthorization } = profile.proxy.refusals;
  if (header === undefined || header.trim() === '') throw Refusal.proxy(missingAuthorization, `no ${PROXY_AUTHORIZATION} header`);
  const invalid = (why: string) => Refusal.proxy(invalidAuthorization, `${PROXY_AUTHORIZATION} ${why}`);
  const match = /^Forge\s+(\S.*)$/.exec(header.trim());
  if (!match) throw invalid('does not use the Forge scheme');
  const pairs = new Map<string, string>();
  for (const part of match[1]!.split(',').map((p) => p.trim())) {
    const pair = PAIR.exec(part);
    if (!pair) throw invalid(`has a malformed pair "${part}"`);
    if (!['as', 'id', 'installationId', 'accountId'].includes(pair[1]!)) throw invalid(`has an unknown key "${pair[1]}"`);
    if (pairs.has(pair[1]!)) throw invalid(`repeats "${pair[1]}"`);
    pairs.set(pair[1]!, pair[2]!);
  }
  const as = pairs.get('as');
  if (as !== 'app' && as !== 'user') throw invalid('needs as=app or as=user');
  if (pairs.has('id') === pairs.has('installationId')) throw invalid('needs exactly one of id and installationId');
  if (pairs.has('accountId') && as !== 'user') throw invalid('may carry accountId only with as=user');
  return { as, invocationId: pairs.get('id'), installationId: pairs.get('installationId'), accountId: pairs.get('accountId') };
}
