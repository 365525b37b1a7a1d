/** Headers the gateway itself gives meaning to. */

/** Tests name their calls with it, to find them in the observation log; the handler never sees it. */
export const CORRELATION_HEADER = 'x-conformance-correlation-id';
/** The caller's identity, as the platform (never the caller) tells the handler. */
export const IDENTITY_HEADER = 'x-slauth-user-context-account-id';
