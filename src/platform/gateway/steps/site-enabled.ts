import { Refusal } from '../../http/refusal';
import type { GatewayStep } from './step';

/** A site admin must have turned the app's REST APIs on; turning them off blocks the very next call. */
export const siteEnabled: GatewayStep<'site-enabled'> = (call, { profile }) => {
  if (!call.installation.restApiEnabled) {
    throw Refusal.gateway('site-enabled', profile.refusals.siteDisabled, `REST APIs are disabled on ${call.installation.cloudId}`);
  }
};
