import type { ForgeApp } from '../../app/forge-app';

/**
 * The backend egress entries of an app's manifest as address strings: plain entries as written,
 * `{ remote: key }` entries as the remote's baseUrl.
 */
export function backendEgressAddresses(app: ForgeApp): string[] {
  const manifest = app.manifestFile.data as { remotes?: { key?: unknown; baseUrl?: unknown }[] } | undefined;
  const remotes = new Map((Array.isArray(manifest?.remotes) ? manifest.remotes : []).map((r) => [r?.key, r?.baseUrl]));
  return app.backendEgress.flatMap((entry) => {
    if (entry.kind === 'address') return [entry.address];
    const base = remotes.get(entry.address);
    const url = typeof base === 'string' ? base : (base as { default?: unknown } | undefined)?.default;
    return typeof url === 'string' ? [url] : [];
  });
}
