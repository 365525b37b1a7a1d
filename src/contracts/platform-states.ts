import type { ScenarioStep } from '../app/conformance-file';
import type { ApiRoute } from '../app/forge-app';
import { RouteTable } from '../app/route-table';
import { runSteps } from '../conformance/scenario-steps';
import type { Tenant } from '../stack/clients/admin-client';
import { PRODUCT_SCOPE } from '../platform/model';
import type { Stack } from '../stack/stack';

import { PLATFORM_STATES } from './platform-state-names';

export { PLATFORM_STATES };

/** What an interaction's states ask of the platform, gathered as they are set up, in any order. */
interface Conditions {
  scopes: string[] | undefined;
  withoutProductScope: boolean;
  token: 'consented' | 'none' | 'expired' | 'other-site';
  restApisEnabled: boolean;
  accountId: string | undefined;
  /** The app's own states to set up on the interaction's site, in the order given. */
  appStates: string[];
  unknown: string[];
}

const fresh = (): Conditions => ({
  scopes: undefined,
  withoutProductScope: false,
  token: 'consented',
  restApisEnabled: true,
  accountId: undefined,
  appStates: [],
  unknown: [],
});
const strings = (value: unknown) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined);

/** The request an interaction sends, made real on the platform: where it goes and with which token. */
export type PreparedRequest = { prefix: string; authorization: string | undefined } | { refusal: string };

/** The sentence an interaction in a state neither the platform nor the app knows fails with. */
export const unknownStateSentence = (state: string, appStates: readonly string[] = []) =>
  `unknown provider state "${state}": the platform's states are ${Object.values(PLATFORM_STATES)
    .map((s) => `"${s}"`)
    .join(
      ', ',
    )}; ${appStates.length ? `the app's (conformance.yaml states:) are ${appStates.map((s) => `"${s}"`).join(', ')}` : 'the app defines none (conformance.yaml states:)'}`;

/** What the app defines for its own provider states: their setup steps, and the routes that say which scopes each step's token holds. */
export interface AppStates {
  steps: Readonly<Record<string, readonly ScenarioStep[]>>;
  routes: readonly ApiRoute[];
}

/**
 * The platform side of each interaction: its states are recorded as the verifier sets them up,
 * then, when its request arrives, a site of its own is made (a member, the app installed), the
 * app's own states are set up on it through the gateway, REST APIs are switched off if a state
 * says so, and a token is minted for exactly what the states say.
 */
export class InteractionPlatform {
  private conditions = fresh();
  /** Why an interaction given a state fails whatever its response: the state is unknown, or its setup failed. */
  readonly stateProblems = new Map<string, string>();
  private readonly routes: RouteTable<ApiRoute>;

  constructor(
    private readonly stack: Stack,
    private readonly app: AppStates,
  ) {
    this.routes = new RouteTable(app.routes);
  }

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
          else if (Object.hasOwn(this.app.steps, name)) this.conditions.appStates.push(name);
          else {
            this.conditions.unknown.push(name);
            this.stateProblems.set(name, unknownStateSentence(name, Object.keys(this.app.steps)));
          }
        };
      },
    });
  }

  /** The site and token for the interaction's request, or why it cannot be made. */
  async prepare(): Promise<PreparedRequest> {
    const { conditions, stack } = this;
    if (conditions.unknown.length) return { refusal: this.stateProblems.get(conditions.unknown[0]!)! };
    const tenant = await stack.admin.createTenant({ ...(conditions.accountId && { accountId: conditions.accountId }) });
    const productScope = PRODUCT_SCOPE[tenant.installation.product];
    const mint = async (scopes: readonly string[], holder: Tenant = tenant, expired = false) =>
      (await stack.auth.mintToken({ accountId: holder.user.accountId, cloudId: holder.site.cloudId, scopes: [...scopes], expired })).access_token;
    for (const state of conditions.appStates) {
      const failed = await runSteps(stack, tenant, this.app.steps[state]!, { routes: this.routes, tokenFor: (scopes) => mint([productScope, ...scopes]) });
      if (failed) {
        const sentence = `provider state "${state}" could not be set up: ${failed.step}: ${failed.unmet.join('; ')}`;
        this.stateProblems.set(state, sentence);
        return { refusal: sentence };
      }
    }
    // Switched off after the app's states are set up, which need the REST APIs on.
    if (!conditions.restApisEnabled) await stack.admin.setRestApiEnabled(tenant.installation.id, false);
    const prefix = `/svc/${tenant.installation.product}/${tenant.site.cloudId}/apps/${stack.app.id}_${stack.app.envId}`;
    if (conditions.token === 'none') return { prefix, authorization: undefined };
    const holder = conditions.token === 'other-site' ? await stack.admin.createTenant() : tenant;
    const custom = conditions.scopes ?? stack.app.customScopes.map((s) => s.name);
    const token = await mint([...(conditions.withoutProductScope ? [] : [productScope]), ...custom], holder, conditions.token === 'expired');
    return { prefix, authorization: `Bearer ${token}` };
  }
}
