/**
 * The proxy's rules in their order: the method, the authorization, the invocation and whom it
 * acts for, then the target (one rule for each route kind) and the invocation's budget.
 * Adding a rule is a file and a line here.
 */
import { authorization } from './authorization';
import { budget } from './budget';
import { contextTarget } from './context-target';
import { eventsTarget } from './events-target';
import { externalTarget } from './external-target';
import { impersonation } from './impersonation';
import { invocation } from './invocation';
import { method } from './method';
import { productTarget } from './product-target';
import { isPlatformService, type Acting, type Arrived, type ProxyContext, type ProxyRule, type Resolved } from './rule';
import { serviceTarget } from './service-target';
import { sqlTarget } from './sql-target';
import { storageTarget } from './storage-target';

const TARGETS: Record<Arrived['kind'], ProxyRule<Acting, Resolved>> = {
  external: externalTarget,
  product: productTarget,
  service: serviceTarget,
  storage: storageTarget,
  events: eventsTarget,
  sql: sqlTarget,
  context: contextTarget,
};

/** Takes a request through every rule; the first that refuses throws its Refusal. */
export async function applyRules(arrived: Arrived, context: ProxyContext, seen: (call: Partial<Resolved>) => void): Promise<Resolved> {
  const authorized = await authorization(await method(arrived, context), context);
  seen(authorized);
  const acting = await impersonation(await invocation(authorized, context), context);
  seen(acting);
  const resolved = await TARGETS[arrived.kind](acting, context);
  seen(resolved);
  // The documented request budget is for the network; the platform's own services have limits of their own.
  return isPlatformService(arrived.kind) ? resolved : budget(resolved, context);
}
