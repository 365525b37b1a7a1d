import { Refusal } from '../../http/refusal';
import { INSTALL_MARIADB } from '../../sql/mariadb-engine';
import { sqlError } from '../../sql/sql-request';
import type { Acting, ProxyRule, Resolved } from './rule';

/** The two Forge SQL endpoints, as `@forge/sql` names them. */
const SQL_ENDPOINTS = /^\/api\/v1\/execute(\/ddl)?$/;

/**
 * `/platform/sql/{path}` (`@forge/sql`'s `__forge_fetch__({type: 'sql'})`) and
 * `/forge/storage/sql/v1/{path}` (a Forge Containers service's Forge SQL API) are served by the
 * platform's Forge SQL, on the database of the live invocation's installation: the proxy names
 * it, never the app. An app whose manifest declares no `sql` module has no database (profile
 * `sql.notEnabled`); a stack without the engine says how to get it (facts.md §13).
 */
export const sqlTarget: ProxyRule<Acting, Resolved> = (call, { profile, sql, sqlEnabled }) => {
  if (!sqlEnabled) throw sqlError(profile.sql.notEnabled, "the app's manifest declares no sql module (modules.sql), so it has no Forge SQL database");
  if (!sql) throw new Refusal(503, `this platform runs no Forge SQL. ${INSTALL_MARIADB}`, { code: 'SERVICE_UNAVAILABLE', message: INSTALL_MARIADB });
  // A container's Forge SQL API (`/forge/storage/sql/v1/execute`) is the same endpoint as @forge/sql's (`/api/v1/execute`).
  const path = (call.request.url ?? '').replace(/^\/platform\/sql/, '').replace(/^\/forge\/storage\/sql\/v1\//, '/api/v1/');
  if (!SQL_ENDPOINTS.test(path)) throw Refusal.proxy(profile.proxy.refusals.invalidTarget, `${call.request.url} is no Forge SQL endpoint`);
  // Served in this process (proxied.ts): the URL only names the endpoint.
  return { ...call, url: new URL(`sql:${path}`), target: `sql:${path.slice(1)}`, host: 'sql', extraHeaders: {} };
};
