import { handlerOperator, shown } from './handler-operator';

export const answer500 = handlerOperator({
  id: 'answer-500',
  title: "the route's handler answers 500 with what it would have answered",
  body: 'const answer = await handler(request, context);\n  return { ...answer, statusCode: 500 };',
  change: (route) => `${shown(route)} answers 500`,
  wouldKill: (route) => `an example of ${route.key} in conformance.yaml (a 5xx to it fails APIROUTE-CONSENT-01), or a scenario that expects its 2xx`,
});
