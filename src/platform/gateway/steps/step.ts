/** What a step of the gateway's pipeline is, and what it may consult. */
import type { ApiRoute } from '../../../app/forge-app';
import type { RouteTable } from '../../../app/route-table';
import type { DirectoryLookup } from '../../admin/directory-lookup';

import type { PlatformProfile } from '../../profile';
import type { GatewayCall } from '../call';
import type { TokenVerifier } from '../token-verifier';
import type { PlatformApp } from '../../model';

/** What the gateway's steps may consult. */
export interface GatewayDependencies {
  profile: PlatformProfile;
  app: PlatformApp;
  routes: RouteTable<ApiRoute>;
  directory: DirectoryLookup;
  tokens: TokenVerifier;
}

/**
 * One small step of the pipeline: reads what earlier steps put on the call, adds its own,
 * and throws a Refusal (Refusal.gateway) to refuse.
 */
export type GatewayStep = (call: GatewayCall, deps: GatewayDependencies) => void | Promise<void>;
