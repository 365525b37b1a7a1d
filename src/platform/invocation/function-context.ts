/** The second argument of every function the platform invokes: the documented function context. */

export interface FunctionContextOf {
  product: string;
  cloudId: string;
  installationId: string;
  moduleKey: string;
  envId: string;
  /** The user the invocation is for; none for a consumer of a queue, which runs for no one. */
  accountId: string | undefined;
}

/** The context (function-reference/arguments, facts.md §5) for an apiRoute call or an event's delivery. */
export function functionContext({ product, cloudId, installationId, moduleKey, envId, accountId }: FunctionContextOf) {
  return {
    ...(accountId !== undefined && { principal: { accountId } }),
    installContext: `ari:cloud:${product}::site/${cloudId}`,
    installation: { ari: { installationId }, contexts: [{ cloudId }] },
    cloudId,
    moduleKey,
    environmentId: envId,
    environmentType: 'DEVELOPMENT',
  };
}
