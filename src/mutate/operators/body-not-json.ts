import { handlerOperator, shown } from './handler-operator';

export const bodyNotJson = handlerOperator({
  id: 'body-not-json',
  title: 'the handler answers 200, content-type JSON, with a body that is not JSON',
  body: "const answer = await handler(request, context);\n  return { ...answer, statusCode: 200, headers: { ...answer?.headers, 'Content-Type': ['application/json'] }, body: '{\"cut\": off' };",
  change: (route) => `${shown(route)} answers JSON that does not parse`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (APIROUTE-CONSENT-01 parses a JSON 2xx)`,
});
