/** Matching a request path and operation to an apiRoute, with the platform's precedence. */
import { API_ROUTE_OPERATIONS, type Operation } from './forge-app';

/** What a route table needs of a route; the app model's ApiRoute has it. */
export interface Routable {
  routePath: string;
  operation: Operation;
}

export type RouteMatch<R extends Routable> =
  | { kind: 'matched'; route: R; /** what each `*` and the final `**` matched, in order */ wildcards: string[] }
  | { kind: 'method-not-allowed'; allow: Operation[] }
  | { kind: 'not-found' };

/** How specific a segment is: lower wins. */
const Rank = { Literal: 0, OneSegment: 1, Rest: 2 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

interface CompiledRoute<R> {
  route: R;
  segments: { rank: Rank; literal: string }[];
}

/**
 * apiRoute paths compiled into a matcher (facts.md §1, §3, §7): a literal segment matches
 * itself (case-sensitively), `*` exactly one non-empty segment, a final `/**` one or more.
 * There is no trailing-slash folding: `/employees/` is not `/employees`. When several routes
 * match, a literal beats `*` and `*` beats `**`, compared segment by segment from the left.
 */
export class RouteTable<R extends Routable> {
  private readonly compiled: CompiledRoute<R>[];

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => ({
      route,
      segments: route.routePath
        .split('/')
        .slice(1)
        .map((segment, index, all) => ({
          rank: segment === '*' ? Rank.OneSegment : segment === '**' && index === all.length - 1 ? Rank.Rest : Rank.Literal,
          literal: segment,
        })),
    }));
  }

  /** Matches a request path (query string and fragment are ignored) and operation. */
  match(operation: string, requestPath: string): RouteMatch<R> {
    const path = requestPath.split(/[?#]/, 1)[0]!;
    if (!path.startsWith('/')) return { kind: 'not-found' };
    const segments = path.split('/').slice(1);
    const candidates = this.compiled
      .map((compiled) => ({ compiled, wildcards: matchSegments(compiled.segments, segments) }))
      .filter((c): c is { compiled: CompiledRoute<R>; wildcards: string[] } => c.wildcards !== undefined);
    if (candidates.length === 0) return { kind: 'not-found' };

    const sameOperation = candidates.filter((c) => c.compiled.route.operation === operation);
    if (sameOperation.length === 0) {
      const allowed = new Set(candidates.map((c) => c.compiled.route.operation));
      return { kind: 'method-not-allowed', allow: API_ROUTE_OPERATIONS.filter((op) => allowed.has(op)) };
    }
    const best = sameOperation.reduce((a, b) => (compareSpecificity(b.compiled, a.compiled) < 0 ? b : a));
    return { kind: 'matched', route: best.compiled.route, wildcards: best.wildcards };
  }
}

function matchSegments(pattern: CompiledRoute<unknown>['segments'], segments: string[]): string[] | undefined {
  const wildcards: string[] = [];
  for (const [index, { rank, literal }] of pattern.entries()) {
    if (rank === Rank.Rest) {
      const rest = segments.slice(index);
      if (rest.length === 0 || rest.some((s) => s === '')) return undefined;
      wildcards.push(rest.join('/'));
      return wildcards;
    }
    const segment = segments[index];
    if (segment === undefined || segment === '') return undefined;
    if (rank === Rank.OneSegment) wildcards.push(segment);
    else if (segment !== literal) return undefined;
  }
  return segments.length === pattern.length ? wildcards : undefined;
}

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: CompiledRoute<unknown>, b: CompiledRoute<unknown>): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const difference = (a.segments[i]?.rank ?? Rank.Rest) - (b.segments[i]?.rank ?? Rank.Rest);
    if (difference !== 0) return difference;
  }
  return 0;
}
