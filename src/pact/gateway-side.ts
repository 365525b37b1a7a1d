import type { IncomingMessage } from 'node:http';
import type { ScenarioStep } from '../app/conformance-file';
import type { ApiRoute } from '../app/forge-app';
import { RouteTable } from '../app/route-table';
import { runSteps } from '../conformance/scenario-steps';
import type { Tenant } from '../stack/clients/admin-client';
import { PRODUCT_SCOPE } from '../platform/model';
import type { Stack } from '../stack/stack';
import { PLATFORM_STATES } from './platform-state-names';
import { quoted, type ProviderSide } from './provider-side';

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

/** The sentence an interaction in a state neither the platform nor the app knows fails with. */
export const unknownStateSentence = (state: string, appStates: readonly string[] = []) =>
  `unknown provider state "${state}": the platform's states are ${quoted(Object.values(PLATFORM_STATES))}; ${
    appStates.length ? `the app's (conformance.yaml states:) are ${quoted(appStates)}` : 'the app defines none (conformance.yaml states:)'
  }`;

/** What the app defines for its own provider states: their setup steps, and the routes that say which scopes each step's token holds. */
export interface AppStates {
  steps: Readonly<Record<string, readonly ScenarioStep[]>>;
  routes: readonly ApiRoute[];
}

/**
 * The app behind the apiRoute gateway, as a provider: each interaction's states are recorded as
 * the verifier sets them up; when its request arrives, a site of its own is made (a member, the
 * app installed), the app's own states are set up on it through the gateway, REST APIs are
 * switched off if a state says so, a token is minted for exactly what the states say, and the
 * app-relative path gets the site's gateway prefix.
 */
export class GatewaySide implements ProviderSide {
  private conditions = fresh();
  readonly stateProblems = new Map<string, string>();
  private readonly routes: RouteTable<ApiRoute>;

  constructor(
    private readonly stack: Stack,
    private readonly app: AppStates,
  ) {
    this.routes = new RouteTable(app.routes);
  }

  get baseUrl(): string {
    return this.stack.urls.gateway;
  }

  reset(): void {
    this.conditions = fresh();
  }

  given(state: string, params: Record<string, unknown>): void {
    const { conditions } = this;
    switch (state) {
      case PLATFORM_STATES.holdsScopes:
        conditions.scopes = strings(params.scopes) ?? [];
        conditions.withoutProductScope = params.withoutProductScope === true;
        return;
      case PLATFORM_STATES.restApisDisabled:
        conditions.restApisEnabled = false;
        return;
      case PLATFORM_STATES.noToken:
        conditions.token = 'none';
        return;
      case PLATFORM_STATES.expiredToken:
        conditions.token = 'expired';
        return;
      case PLATFORM_STATES.otherSite:
        conditions.token = 'other-site';
        return;
      case PLATFORM_STATES.callerIs:
        conditions.accountId = typeof params.accountId === 'string' ? params.accountId : undefined;
        return;
    }
    if (Object.hasOwn(this.app.steps, state)) conditions.appStates.push(state);
    else {
      conditions.unknown.push(state);
      this.stateProblems.set(state, unknownStateSentence(state, Object.keys(this.app.steps)));
    }
  }

  async prepare(request: IncomingMessage): Promise<string | undefined> {
    const { conditions, stack } = this;
    if (conditions.unknown.length) return this.stateProblems.get(conditions.unknown[0]!)!;
    const tenant = await stack.admin.createTenant({ ...(conditions.accountId && { accountId: conditions.accountId }) });
    const productScope = PRODUCT_SCOPE[tenant.installation.product];
    const mint = async (scopes: readonly string[], holder: Tenant = tenant, expired = false) =>
      (await stack.auth.mintToken({ accountId: holder.user.accountId, cloudId: holder.site.cloudId, scopes: [...scopes], expired })).access_token;
    let captured = {};
    for (const state of conditions.appStates) {
      const run = await runSteps(stack, tenant, this.app.steps[state]!, {
        routes: this.routes,
        tokenFor: (scopes) => mint([productScope, ...scopes]),
        captured,
      });
      captured = run.captured;
      const failed = run.failure;
      if (failed) {
        const sentence = `provider state "${state}" could not be set up: ${failed.step}: ${failed.unmet.join('; ')}`;
        this.stateProblems.set(state, sentence);
        return sentence;
      }
    }
    // Switched off after the app's states are set up, which need the REST APIs on.
    if (!conditions.restApisEnabled) await stack.admin.setRestApiEnabled(tenant.installation.id, false);
    request.url = `/svc/${tenant.installation.product}/${tenant.site.cloudId}/apps/${stack.app.id}_${stack.app.envId}${request.url ?? '/'}`;
    delete request.headers.authorization;
    if (conditions.token === 'none') return undefined;
    const holder = conditions.token === 'other-site' ? await stack.admin.createTenant() : tenant;
    const custom = conditions.scopes ?? stack.app.customScopes.map((s) => s.name);
    const token = await mint([...(conditions.withoutProductScope ? [] : [productScope]), ...custom], holder, conditions.token === 'expired');
    request.headers.authorization = `Bearer ${token}`;
    return undefined;
  }
}
