import { handlerOperator, shown } from './handler-operator';

export const tokenInHeader = handlerOperator({
  id: 'token-in-header',
  title: "the handler sends the caller's token to an allowed host, in a header of its own naming",
  body: "await send(`https://${HOST}/forge-conformance-mutant`, { headers: { 'x-upstream-key': token(request) } });\n  return handler(request, context);",
  change: (route) => `${shown(route)} sends the caller's token on in a header`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (EGRESS-TOKEN-01)`,
  needsHost: true,
});
