/** What every component knows of an invocation: the runtime runs it, the gateway keeps it live, the proxy acts for it. */

/** Which invocation this is, and for whom. */
export interface InvocationIdentity {
  invocationId: string;
  appId: string;
  envId: string;
  installationId: string;
  cloudId: string;
  product: string;
  accountId: string | undefined;
}
