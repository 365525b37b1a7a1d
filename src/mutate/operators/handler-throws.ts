import { handlerOperator, shown } from './handler-operator';

export const handlerThrows = handlerOperator({
  id: 'throw',
  title: 'the handler throws',
  body: "throw new Error('forge-conformance mutate: this handler throws');",
  change: (route) => `${shown(route)} throws`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (APIROUTE-CONSENT-01)`,
});
