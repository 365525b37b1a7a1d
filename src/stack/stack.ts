import { join } from 'node:path';

import type { AppVariable } from '../app/variables-file';
import type { PlatformProfile, ProfileOverrides } from '../platform/profile';
import type { AdminClient, Tenant } from './clients/admin-client';
import type { AuthClient } from './clients/auth-client';
import type { ObservationClient } from './clients/observation-client';
import type { PlatformApp } from '../platform/model';
import type { OAuthClient } from '../platform/auth/provider';
import type { DeploymentFile } from './remote/deployment-file';

export type StackTarget = 'embedded' | 'containers' | 'remote';

/**
 * Everything a process needs to talk to a running stack: plain JSON, passed between the harness's
 * own processes (never to the app's). `controlKey` opens the control endpoints.
 */
export type LocalStackDescription = Pick<Stack, 'app' | 'profile' | 'urls'> & {
  target: 'embedded' | 'containers';
  oauthClient: OAuthClient;
  sns: string;
  controlKey: string;
};

/** A real deployment: its profile, tokens and the app (stack/remote). */
export type StackDescription = LocalStackDescription | { target: 'remote'; remote: RemoteDeployment };

/** The profile with its tokens read from the environment, and the app as the run loaded it: what the run hands its workers. */
export interface RemoteDeployment extends DeploymentFile {
  tokenValues: Record<string, string>;
  app: PlatformApp & { dir: string };
}

/** A real deployment's other sites. */
export interface RemoteSites {
  /** A token for another site than the one under test (the other-site refusal). */
  anotherSiteToken(): string;
}

/** What starting a stack takes, on either local target. */
export interface StackOptions {
  /** The app directory (manifest.yml, custom-scopes.yaml, src/). */
  app: string;
  profile?: ProfileOverrides;
  /** The test-only controls (minting, revocation). On unless turned off. */
  testControls?: boolean;
  /** Extra redirect URIs for the app's OAuth client (a consumer's own callback). */
  redirectUris?: string[];
  /** Fixed ports for `up`; free ones by default. */
  ports?: { gateway?: number; auth?: number; admin?: number; proxy?: number };
  /** Lines the app prints. */
  onAppLog?: (line: string) => void;
  /** Files or directories of nock definitions answering for the app's external services (default: appUpstreams). */
  upstreams?: string[];
  /** Record mode: write what loopback upstreams answered to this file when the stack stops. */
  recordUpstreams?: string;
  /** The app environment's variables, as the run read them (default: the app's forge-variables.yaml and FORGE_USER_VAR_*). */
  variables?: AppVariable[];
}

/** Where an app keeps the stubs of its external services unless told otherwise: `upstreams/` beside manifest.yml (it may be absent). */
export const appUpstreams = (appDir: string): string[] => [join(appDir, 'upstreams')];

/**
 * What every suite talks to, whatever the target: URLs, an admin client, an auth client and the
 * observation log. Suites never reach into a component's memory, so they run unchanged
 * against containers and, where the platform allows, a real deployment.
 */
export interface Stack extends AsyncDisposable {
  target: StackTarget;
  app: PlatformApp & { dir: string };
  profile: PlatformProfile;
  urls: { gateway: string; auth: string; admin: string; proxy: string };
  admin: AdminClient;
  auth: AuthClient;
  observations: ObservationClient;
  /** What another process needs to connect to this stack. */
  description: StackDescription;
  /** The api.atlassian.com-form URL of an app path for a tenant's site and product. */
  apiUrl(tenant: Pick<Tenant, 'site' | 'installation'>, path: string): string;
  /** A real deployment's other sites (remote target only). */
  remote?: RemoteSites;
  /** Loads the app's handler code afresh, on the running platform (embedded target only; `run --watch`). */
  reloadHandlers?(): Promise<void>;
  stop(): Promise<void>;
}
