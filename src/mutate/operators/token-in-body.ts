import { handlerOperator, shown } from './handler-operator';

export const tokenInBody = handlerOperator({
  id: 'token-in-body',
  title: "the handler sends the caller's token to an allowed host, deep in a JSON body",
  body: "await send(`https://${HOST}/forge-conformance-mutant`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: { token: token(request) } }) });\n  return handler(request, context);",
  change: (route) => `${shown(route)} sends the caller's token on in a body`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (EGRESS-TOKEN-01)`,
  needsHost: true,
});
