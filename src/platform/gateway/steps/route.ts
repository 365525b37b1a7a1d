import { Refusal } from '../../http/refusal';
import type { GatewayStep } from './step';

/** The path must match a declared route, and the operation must be declared for it. */
export const route: GatewayStep<'route'> = (call, { profile, routes }) => {
  const result = routes.match(call.request.method ?? 'GET', call.url.appPath);
  if (result.kind === 'not-found') throw Refusal.gateway('route', profile.refusals.unknownPath, `no route matches ${call.url.appPath}`);
  if (result.kind === 'method-not-allowed') {
    throw Refusal.gateway('route', profile.refusals.methodNotAllowed, `${call.request.method} is not declared for ${call.url.appPath}`, {
      allow: result.allow.join(', '),
    });
  }
  call.route = result.route;
};
