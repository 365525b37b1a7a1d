/**
 * A Forge SQL request as `@forge/sql` sends it (`out/sql.js`): `POST /api/v1/execute` or
 * `/api/v1/execute/ddl` with `{query, params, method}`, read once and refused with the code the
 * package turns into its `ForgeSQLAPIError` when it is not one. The documented limits are here
 * (facts.md §13); how Forge answers them is the profile's.
 */
import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/body';
import { Refusal } from '../http/refusal';
import type { PlatformProfile, ServiceAnswer } from '../profile';
import type { SqlEndpoint } from './statement-rules';
import type { StatementKind } from './statement';
import type { SqlRateLimits } from './sql-rates';

export const SQL_LIMITS = {
  requestBytes: 1024 * 1024,
  responseBytes: 4 * 1024 * 1024,
  tables: 200,
  /** Per statement, by kind: SELECT 5 s, INSERT/UPDATE/DELETE 10 s, DDL 20 s. */
  timeLimitMs: { read: 5_000, dml: 10_000, ddl: 20_000, other: 5_000 } satisfies Record<StatementKind, number>,
  /** An installation's database in a development environment, which the harness's is. */
  storageQuotaBytes: 128 * 1024 * 1024,
  /** Per installation (sql-rates.ts). */
  rates: { dmlPerSecond: 150, ddlPerMinute: 25, engineMsPerMinute: 62_500 } satisfies SqlRateLimits,
};

export type SqlLimits = typeof SQL_LIMITS;

/** The two endpoints, as the proxy names them (`/platform/sql` taken off). */
const ENDPOINTS: Record<string, SqlEndpoint> = { '/api/v1/execute': 'execute', '/api/v1/execute/ddl': 'ddl' };

export type SqlParam = string | number | boolean | null;

export interface SqlRequest {
  endpoint: SqlEndpoint;
  query: string;
  params: SqlParam[];
}

/** The `{code, message}` body `@forge/sql` reads, with the profile's status. */
export const sqlError = (answer: ServiceAnswer, message: string, extra: Record<string, unknown> = {}) =>
  new Refusal(answer.status, message, { code: answer.code, message, ...extra });

export async function readSqlRequest(path: string, request: IncomingMessage, profile: PlatformProfile): Promise<SqlRequest> {
  const endpoint = ENDPOINTS[path];
  if (!endpoint) throw new Refusal(404, `${path} is not a Forge SQL endpoint`, { code: 'NOT_FOUND', message: `${path} is not a Forge SQL endpoint` });
  const invalid = (message: string) => sqlError(profile.sql.invalidQuery, message);
  const raw = await readBody(request, SQL_LIMITS.requestBytes).catch((error: unknown) => {
    if (error instanceof Refusal && error.status === 413) throw invalid(`the request is over Forge SQL's ${SQL_LIMITS.requestBytes} bytes`);
    throw error;
  });
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalid('the body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body must be a JSON object {query, params, method}');
  const { query, params = [], method } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw invalid('query must be a non-empty string');
  if (method !== undefined && typeof method !== 'string') throw invalid('method must be a string');
  if (!Array.isArray(params)) throw invalid('params must be a list');
  const bad = params.findIndex((p) => p !== null && !['string', 'number', 'boolean'].includes(typeof p));
  if (bad !== -1) throw invalid(`params[${bad}] is not a string, number, boolean or null`);
  return { endpoint, query, params: params as SqlParam[] };
}
