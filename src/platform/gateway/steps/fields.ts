/**
 * The gateway's steps by name, what each reads that an earlier step establishes, and what it
 * establishes itself. The profile's step order is checked against this table (profile.ts), and
 * each step's call is typed by it, so a step can read only what it declares. Each step has one
 * file in this folder and one line in steps/index.ts.
 */
import type { CallWith, Established, GatewayCall } from '../call';

type Field = keyof Established;

/**
 * In the default order. facts.md §7 put the installation before the token; the token comes
 * first here (our decision) because otherwise a caller without any token learns from 404 or 401
 * which sites have the app installed. Atlassian's gateway answers 401 to an anonymous call before
 * anything else; a token holder only ever learns about its own site.
 */
export const STEP_FIELDS = {
  'url-form': { needs: [], establishes: ['parsedTarget', 'url'] },
  token: { needs: ['url'], establishes: ['bearer', 'token'] },
  installation: { needs: ['url'], establishes: ['site', 'installation'] },
  'site-enabled': { needs: ['installation'], establishes: [] },
  route: { needs: ['url'], establishes: ['route'] },
  content: { needs: ['route'], establishes: ['body'] },
  scopes: { needs: ['url', 'token', 'route'], establishes: [] },
} as const satisfies Record<string, { needs: readonly Field[]; establishes: readonly Field[] }>;

export type GatewayStepName = keyof typeof STEP_FIELDS;
export const GATEWAY_STEPS = Object.keys(STEP_FIELDS) as readonly GatewayStepName[];

/** The call as step S sees it. */
export type StepCall<S extends GatewayStepName> = CallWith<(typeof STEP_FIELDS)[S]['needs'][number]>;

/** The steps an order puts too late for `step`: those establishing what it needs. */
export function stepsNeededEarlier(order: readonly GatewayStepName[], step: GatewayStepName): GatewayStepName[] {
  const before = new Set<Field>(order.slice(0, order.indexOf(step)).flatMap((name) => STEP_FIELDS[name].establishes));
  const late = new Set<GatewayStepName>();
  for (const need of STEP_FIELDS[step].needs as readonly Field[]) {
    if (before.has(need)) continue;
    const provider = order.find((name) => (STEP_FIELDS[name].establishes as readonly Field[]).includes(need));
    if (provider) late.add(provider);
  }
  return [...late];
}

/** Each thing the invocation needs is established by some step: the compiler refuses this line otherwise. */
const everythingEstablished: Exclude<Field, (typeof STEP_FIELDS)[GatewayStepName]['establishes'][number]> extends never ? true : never = true;
const ESTABLISHED = everythingEstablished && [...new Set(GATEWAY_STEPS.flatMap((name) => STEP_FIELDS[name].establishes))];

/** Whether every step has done its part (the profile's step order guarantees it; this proves it to the compiler). */
export function isEstablished(call: GatewayCall): call is CallWith<Field> {
  return ESTABLISHED.every((name) => call[name] !== undefined);
}
