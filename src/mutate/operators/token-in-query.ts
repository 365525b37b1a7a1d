import { handlerOperator, shown } from './handler-operator';

export const tokenInQuery = handlerOperator({
  id: 'token-in-query',
  title: "the handler sends the caller's token to an allowed host, in the query string",
  body: 'await send(`https://${HOST}/forge-conformance-mutant?access_token=${encodeURIComponent(token(request))}`);\n  return handler(request, context);',
  change: (route) => `${shown(route)} sends the caller's token on in a query`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (EGRESS-TOKEN-01)`,
  needsHost: true,
});
