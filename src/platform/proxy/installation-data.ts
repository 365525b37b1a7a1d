/**
 * What one installation keeps on the platform, for `up`'s view behind the control key: its keys
 * and values, its secrets by name only, its custom entities' items, its queued events, and its
 * Forge SQL tables with how many rows each holds.
 */
import { html } from '../../common/html';
import type { EventsService } from '../events/events-service';
import type { SqlService } from '../sql/sql-service';
import type { StorageService } from '../storage/storage-service';

export interface InstallationData {
  installationId: string;
  keys: { key: string; value: unknown; updatedAt: number }[];
  /** Names only: a secret's value is never shown. */
  secrets: string[];
  entities: Record<string, { key: string; value: unknown }[]>;
  events: { queue: string; jobId: string; eventId: string; state: string; attempts: number; lastError: string | undefined }[];
  /** The tables of its Forge SQL database (none: the app has no `sql` module, or never ran a statement). */
  tables: { name: string; rows: number }[];
}

export async function installationData(
  installationId: string,
  { storage, events, sql }: { storage?: StorageService; events?: EventsService; sql?: SqlService },
): Promise<InstallationData> {
  const data: InstallationData = {
    installationId,
    keys: [],
    secrets: [],
    entities: {},
    events: [],
    tables: (await sql?.databases.tables(installationId)) ?? [],
  };
  for (const { space, entry } of storage?.store.ofInstallation(installationId) ?? []) {
    const value = JSON.parse(entry.value) as unknown;
    if (space === 'data') data.keys.push({ key: entry.key, value, updatedAt: entry.updatedAt });
    else if (space === 'secret') data.secrets.push(entry.key);
    else (data.entities[space.slice('entity:'.length)] ??= []).push({ key: entry.key, value });
  }
  data.events = (events?.queue.ofInstallation(installationId) ?? []).map((e) => ({
    queue: e.queue,
    jobId: e.jobId,
    eventId: e.eventId,
    state: e.state,
    attempts: e.attempts,
    lastError: e.lastError,
  }));
  return data;
}

const table = (head: string[], rows: string[][]) =>
  rows.length
    ? `<table><thead><tr>${head.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
    : '<p>None.</p>';
const code = (value: unknown) => `<code>${html(typeof value === 'string' ? value : JSON.stringify(value))}</code>`;

/** The installation's data as a page. */
export function installationPage(data: InstallationData): string {
  const entities = Object.entries(data.entities).map(
    ([name, items]) =>
      `<h3>${html(name)}</h3>${table(
        ['key', 'value'],
        items.map((i) => [code(i.key), code(i.value)]),
      )}`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Installation ${html(data.installationId)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;color:#172b4d}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #dfe1e6;text-align:left;vertical-align:top}code{white-space:pre-wrap;word-break:break-all}</style>
</head><body>
<h1>What installation <code>${html(data.installationId)}</code> keeps</h1>
<h2>Keys</h2>${table(
    ['key', 'value', 'updated'],
    data.keys.map((k) => [code(k.key), code(k.value), html(new Date(k.updatedAt).toISOString())]),
  )}
<h2>Secrets</h2>${data.secrets.length ? `<p>${data.secrets.map(code).join(', ')} (values are never shown)</p>` : '<p>None.</p>'}
<h2>Custom entities</h2>${entities.join('') || '<p>None.</p>'}
<h2>Queued events</h2>${table(
    ['queue', 'job', 'state', 'deliveries', 'last error'],
    data.events.map((e) => [code(e.queue), code(e.jobId), html(e.state), html(e.attempts), html(e.lastError ?? '')]),
  )}
<h2>Forge SQL tables</h2>${table(
    ['table', 'rows'],
    data.tables.map((t) => [code(t.name), html(t.rows)]),
  )}
</body></html>`;
}
