/** What a step of the gateway's pipeline is, and what it may consult. */
import type { ApiRoute } from '../../../app/forge-app';
import type { RouteTable } from '../../../app/route-table';
import type { DirectoryLookup } from '../../admin/directory-lookup';
import type { GatewayStepName, PlatformProfile } from '../../profile';
import type { TokenVerifier } from '../../invocation/token-verifier';
import type { PlatformApp } from '../../model';
import type { StepCall } from './fields';

/** What the gateway's steps may consult. */
export interface GatewayDependencies {
  profile: PlatformProfile;
  app: PlatformApp;
  routes: RouteTable<ApiRoute>;
  directory: DirectoryLookup;
  tokens: TokenVerifier;
}

/**
 * One small step of the pipeline: reads what earlier steps put on the call (as steps/fields.ts
 * declares), adds its own, and throws a Refusal (Refusal.gateway) to refuse.
 */
export type GatewayStep<S extends GatewayStepName> = (call: StepCall<S>, deps: GatewayDependencies) => void | Promise<void>;
