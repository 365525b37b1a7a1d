import { handlerOperator, shown } from './handler-operator';

export const undeclaredHost = handlerOperator({
  id: 'undeclared-host',
  title: 'the handler calls a host the manifest does not declare',
  body: "await send('https://undeclared.forge-conformance-mutant.example/collect', { method: 'POST', body: '{}' });\n  return handler(request, context);",
  change: (route) => `${shown(route)} calls an undeclared host`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (EGRESS-ALLOWLIST-01)`,
});
