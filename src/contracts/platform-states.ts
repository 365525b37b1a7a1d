import type { Tenant } from '../stack/clients/admin-client';
import { PRODUCT_SCOPE } from '../platform/model';
import type { Stack } from '../stack/stack';

/**
 * The provider states that are platform conditions, named so any consumer can write them by
 * hand (docs/consumers.md). Params are Pact V3+ provider-state params.
 */
export const PLATFORM_STATES = {
  /** `{scopes: [...], withoutProductScope?: true}`: a consented token with exactly these custom scopes, plus the product scope unless left out. */
  holdsScopes: 'the caller holds scopes',
  restApisDisabled: 'REST APIs are disabled for the site',
  noToken: 'the caller sends no token',
  expiredToken: 'the token has expired',
  otherSite: 'the token is for another site',
  /** `{accountId}`: the caller is this user, a member of the site. */
  callerIs: 'the caller is user',
} as const;

/** What an interaction's states ask of the platform, gathered as they are set up, in any order. */
interface Conditions {
  scopes: string[] | undefined;
  withoutProductScope: boolean;
  token: 'consented' | 'none' | 'expired' | 'other-site';
  restApisEnabled: boolean;
  accountId: string | undefined;
  unknown: string[];
}

const fresh = (): Conditions => ({
  scopes: undefined,
  withoutProductScope: false,
  token: 'consented',
  restApisEnabled: true,
  accountId: undefined,
  unknown: [],
});
const strings = (value: unknown) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined);

/** The request an interaction sends, made real on the platform: where it goes and with which token. */
export type PreparedRequest = { prefix: string; authorization: string | undefined } | { refusal: string };

/**
 * The platform side of each interaction: its states are recorded as the verifier sets them up,
 * then, when its request arrives, a site of its own is made (a member, the app installed, REST
 * APIs on or off) and a token minted for exactly what the states say.
 */
/** The sentence an interaction in a state the platform does not know fails with. */
export const unknownStateSentence = (state: string) =>
  `unknown provider state "${state}": the platform's states are ${Object.values(PLATFORM_STATES)
    .map((s) => `"${s}"`)
    .join(', ')} (app-data states are not supported yet)`;

export class InteractionPlatform {
  private conditions = fresh();
  /** Every state name no handler knew, across the verification. */
  readonly unknownStates = new Set<string>();

  constructor(private readonly stack: Stack) {}

  /** A new interaction begins. */
  reset(): void {
    this.conditions = fresh();
  }

  /** The verifier's state handlers: every known state records its condition; an unknown one is remembered, to fail the interaction. */
  stateHandlers(): Record<string, (params?: unknown) => Promise<void>> {
    const record: Record<string, (params: Record<string, unknown>) => void> = {
      [PLATFORM_STATES.holdsScopes]: (params) => {
        this.conditions.scopes = strings(params.scopes) ?? [];
        this.conditions.withoutProductScope = params.withoutProductScope === true;
      },
      [PLATFORM_STATES.restApisDisabled]: () => void (this.conditions.restApisEnabled = false),
      [PLATFORM_STATES.noToken]: () => void (this.conditions.token = 'none'),
      [PLATFORM_STATES.expiredToken]: () => void (this.conditions.token = 'expired'),
      [PLATFORM_STATES.otherSite]: () => void (this.conditions.token = 'other-site'),
      [PLATFORM_STATES.callerIs]: (params) => void (this.conditions.accountId = typeof params.accountId === 'string' ? params.accountId : undefined),
    };
    // pact-js looks a handler up by the state's name: every name gets one, so an unknown state is not silently skipped.
    return new Proxy({} as Record<string, (params?: unknown) => Promise<void>>, {
      get: (_target, name) => {
        if (typeof name !== 'string') return undefined;
        return async (params?: unknown) => {
          const handler = Object.hasOwn(record, name) ? record[name] : undefined;
          if (handler) handler(typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {});
          else {
            this.conditions.unknown.push(name);
            this.unknownStates.add(name);
          }
        };
      },
    });
  }

  /** The site and token for the interaction's request, or why it cannot be made. */
  async prepare(): Promise<PreparedRequest> {
    const { conditions, stack } = this;
    if (conditions.unknown.length) {
      const known = Object.values(PLATFORM_STATES)
        .map((s) => `"${s}"`)
        .join(', ');
      return { refusal: `unknown provider state ${conditions.unknown.map((s) => `"${s}"`).join(', ')}: the platform's states are ${known}` };
    }
    const tenant = await stack.admin.createTenant({ enabled: conditions.restApisEnabled, ...(conditions.accountId && { accountId: conditions.accountId }) });
    const prefix = `/svc/${tenant.installation.product}/${tenant.site.cloudId}/apps/${stack.app.id}_${stack.app.envId}`;
    if (conditions.token === 'none') return { prefix, authorization: undefined };
    const holder: Tenant = conditions.token === 'other-site' ? await stack.admin.createTenant() : tenant;
    const custom = conditions.scopes ?? stack.app.customScopes.map((s) => s.name);
    const scopes = [...(conditions.withoutProductScope ? [] : [PRODUCT_SCOPE[tenant.installation.product]]), ...custom];
    const minted = await stack.auth.mintToken({
      accountId: holder.user.accountId,
      cloudId: holder.site.cloudId,
      scopes,
      expired: conditions.token === 'expired',
    });
    return { prefix, authorization: `Bearer ${minted.access_token}` };
  }
}
