/**
 * A proxied request as the proxy's rules see it, stage by stage: each rule reads what the rules
 * before it established and refuses by throwing a `Refusal` (answered and recorded in one place,
 * `proxied.ts`). The stages are types, so a rule can read nothing no earlier rule set.
 */
import type { IncomingMessage } from 'node:http';
import type { InvocationSource } from '../invocation-source';
import type { LiveInvocation } from '../../invocation/registry';
import type { PlatformProfile } from '../../profile';
import type { AllowList } from '../allow-list';
import type { FetchBudget } from '../fetch-budget';
import type { ProxyAuthorization } from '../proxy-authorization';
import type { EventsService } from '../../events/events-service';
import type { SqlService } from '../../sql/sql-service';
import type { StorageService } from '../../storage/storage-service';
import type { InvocationContextService } from '../invocation-context';
import type { TrafficEntry } from '../traffic-log';

/** The platform's own services, served in the proxy's process rather than forwarded: not egress. */
export type PlatformServiceKind = 'storage' | 'events' | 'sql' | 'context';
export const isPlatformService = (kind: Arrived['kind']): kind is PlatformServiceKind =>
  kind === 'storage' || kind === 'events' || kind === 'sql' || kind === 'context';

/** What every rule may consult. */
export interface ProxyContext {
  profile: PlatformProfile;
  /** The app (uuid and environment) whose invocations this proxy serves. */
  app: { id: string; envId: string };
  invocations: InvocationSource;
  allowList: AllowList;
  budget: FetchBudget;
  /** The app's container services, by key. */
  services: Record<string, string>;
  /** The platform's storage, which this process serves storage calls from (none: refused). */
  storage: StorageService | undefined;
  /** The platform's queues, served here too (none: refused). */
  events: EventsService | undefined;
  /** The platform's Forge SQL, served here too (none: refused, saying how to get the engine). */
  sql: SqlService | undefined;
  /** Whether the manifest declares a `sql` module, without which Forge SQL answers nothing. */
  sqlEnabled: boolean;
  /** The manifest's `permissions.scopes`. */
  permissionScopes: readonly string[];
  /** What `/invocation/context` answers. */
  invocationContext: InvocationContextService;
}

/** The request as it arrived: its method, which route took it, and the target it names. */
export interface Arrived {
  request: IncomingMessage;
  method: string;
  /** Which route took it: egress (external, product, service) or a platform service this process serves (storage, events). */
  kind: Exclude<TrafficEntry['kind'], 'preflight'> | PlatformServiceKind;
  /** The target as the request named it (percent-decoded where it can be), until a rule resolves it. */
  target: string;
}

/** Its `forge-proxy-authorization`, parsed. */
export interface Authorized extends Arrived {
  auth: ProxyAuthorization;
}

/** The live invocation it acts for. */
export interface Acting extends Authorized {
  invocation: LiveInvocation;
}

/** Where it goes: the upstream URL, what the traffic log calls it, and headers the platform adds. */
export interface Resolved extends Acting {
  url: URL;
  host: string;
  extraHeaders: Record<string, string>;
}

/** A rule that checks a stage and establishes the next one (or nothing more). */
export type ProxyRule<From extends Arrived, To extends From = From> = (call: From, context: ProxyContext) => To | Promise<To>;
