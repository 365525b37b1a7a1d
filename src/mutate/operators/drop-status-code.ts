import { handlerOperator, shown } from './handler-operator';

export const dropStatusCode = handlerOperator({
  id: 'drop-status-code',
  title: 'the handler answers without a statusCode',
  body: 'const { statusCode: _dropped, ...answer } = (await handler(request, context)) ?? {};\n  return answer;',
  change: (route) => `${shown(route)} answers without a statusCode`,
  wouldKill: (route) => `a call of ${route.key} that reaches its handler (APIROUTE-CONSENT-01: the platform answers 500 for it)`,
});
