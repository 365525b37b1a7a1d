import { handlerOperator, shown } from './handler-operator';

export const plainHttp = handlerOperator({
  id: 'plain-http',
  title: 'the handler calls an allowed host over http://',
  body: 'await send(`http://${HOST}/forge-conformance-mutant`);\n  return handler(request, context);',
  change: (route) => `${shown(route)} calls an allowed host over http://`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (EGRESS-ALLOWLIST-01: an entry without a scheme is https only)`,
  needsHost: true,
});
