/**
 * Every storage call the platform served or refused, as evidence of what an app kept: which
 * invocation, which API and operation, which key and how many bytes, and the outcome. Never a
 * value, so never a secret.
 */
import { ServiceLog } from '../bounded-log';

export interface StorageEntry {
  at: string;
  installationId: string;
  /** The invocation whose handler made the call (the proxy names it). */
  invocationId: string | undefined;
  /** `kvs` (@forge/kvs) or `legacy` (@forge/storage's GraphQL). */
  api: 'kvs' | 'legacy';
  /** `get`, `set`, `secret/get`, `query`, …; for the legacy API, the GraphQL fields asked for. */
  operation: string;
  key: string | undefined;
  /** The custom entity an `entity/*` call (or a batch's first entity item) names. */
  entity?: string;
  /** Size of the request body: the value written, or the query. */
  requestBytes: number;
  status: number;
  /** The store's error code, when it refused. */
  code: string | undefined;
}

export class StorageLog extends ServiceLog<StorageEntry> {}
