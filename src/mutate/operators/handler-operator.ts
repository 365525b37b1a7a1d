import type { ApiRoute } from '../../app/forge-app';
import { wrapRouteHandler } from '../handler-wrap';
import type { MutationOperator, MutationSubject } from '../mutant';

/**
 * An operator that wraps the handler of the subject's route: `body` is the wrapper's code (with
 * `handler`, `request`, `context`, `token(request)`, `send(url, init)` and `HOST`, a host the
 * manifest allows, in scope). Operators that send to `HOST` apply only where there is one.
 */
export function handlerOperator(definition: {
  id: string;
  title: string;
  body: string;
  change: (route: ApiRoute) => string;
  wouldKill: (route: ApiRoute) => string;
  needsHost?: boolean;
}): MutationOperator {
  return {
    id: definition.id,
    title: definition.title,
    mutants: ({ app, route, declaredHost }: MutationSubject) => {
      if (!route || (definition.needsHost && !declaredHost)) return [];
      const apply = wrapRouteHandler(app, route, `const HOST = ${JSON.stringify(declaredHost ?? '')};\n  ${definition.body}`);
      return apply ? [{ operator: definition.id, change: definition.change(route), apply, wouldKill: definition.wouldKill(route) }] : [];
    },
  };
}

/** The route as people write it: `GET /greetings/*`. */
export const shown = (route: ApiRoute) => `${route.operation} ${route.routePath}`;
