import { forgeManifest } from '../forge-manifest-package';
import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/**
 * Backend egress entries, judged by @forge/manifest's own PermissionsValidator (the check
 * `forge deploy` runs), plus the remotes they reference.
 */
export function egressEntries(app: ForgeApp): Finding[] {
  if (app.backendEgress.length === 0) return [];
  const validator = forgeManifest().newPermissionsValidator();
  const manifest = app.manifestFile.data as { remotes?: { key?: unknown }[] };
  const remotes = new Set((Array.isArray(manifest.remotes) ? manifest.remotes : []).map((r) => r?.key));
  return app.backendEgress.flatMap((entry): Finding[] => {
    const where = entry.path;
    if (entry.kind === 'remote') {
      return remotes.has(entry.address)
        ? []
        : [
            inManifest(
              app,
              'EGRESS-MALFORMED',
              where,
              `backend egress references remote "${entry.address}", which remotes does not declare`,
              'Declare the remote under `remotes:` with a baseUrl, or list the domain itself.',
            ),
          ];
    }
    if (!validator.isValidURL(entry.address, true)) {
      return [
        inManifest(
          app,
          'EGRESS-MALFORMED',
          where,
          `backend egress entry "${entry.address}" is not a valid domain or URL`,
          'Write a domain (api.example.com), a wildcard subdomain (*.example.com), an https:// or wss:// URL, or `*`; no spaces, no http://.',
        ),
      ];
    }
    // @forge/egress reads `host:` of a scheme-less `host:port` as the scheme: deploys, never matches.
    if (/^[^/:]+:\d+(\/|$)/.test(entry.address)) {
      return [
        inManifest(
          app,
          'EGRESS-PORT-WITHOUT-SCHEME',
          where,
          `backend egress entry "${entry.address}" has a port but no scheme, so Forge's egress matcher never matches it and every request to it is refused`,
          `Write it with its scheme: https://${entry.address}.`,
        ),
      ];
    }
    if (validator.hasPathComponent(entry.address)) {
      return [
        inManifest(
          app,
          'EGRESS-PATH-IGNORED',
          where,
          `backend egress entry "${entry.address}" has a path, which Forge ignores for backend fetch`,
          'Drop the path: backend egress is allowed per host, so every path of that host is reachable.',
        ),
      ];
    }
    return [];
  });
}
