import type { Rejection } from '../profile';

/** Thrown by a gateway check to refuse the call; the server turns it into the profile's response. */
export class GatewayRejection extends Error {
  constructor(
    readonly check: string,
    readonly rejection: Rejection,
    /** Why, for the observation log (never sent to the caller). */
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
  }
}
