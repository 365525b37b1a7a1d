/**
 * The handler sends the caller's token on to a host the manifest allows, through one of the doors
 * EGRESS-TOKEN-01 watches: a header of its own naming, the query string, or deep in a JSON body.
 */
import { handlerOperator, shown } from './handler-operator';

const tokenSentOn = (place: 'header' | 'query' | 'body', where: string, sendCall: string) =>
  handlerOperator({
    id: `token-in-${place}`,
    title: `the handler sends the caller's token to an allowed host, ${where}`,
    body: `await ${sendCall};\n  return handler(request, context);`,
    change: (route) => `${shown(route)} sends the caller's token on in a ${place}`,
    wouldKill: (route) => `a call of ${route.key} that reaches its handler (EGRESS-TOKEN-01)`,
    needsHost: true,
  });

export const tokenInHeader = tokenSentOn(
  'header',
  'in a header of its own naming',
  "send(`https://${HOST}/forge-conformance-mutant`, { headers: { 'x-upstream-key': token(request) } })",
);
export const tokenInQuery = tokenSentOn(
  'query',
  'in the query string',
  'send(`https://${HOST}/forge-conformance-mutant?access_token=${encodeURIComponent(token(request))}`)',
);
export const tokenInBody = tokenSentOn(
  'body',
  'deep in a JSON body',
  "send(`https://${HOST}/forge-conformance-mutant`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ session: { token: token(request) } }) })",
);
