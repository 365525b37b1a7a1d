import type { ForgeApp } from '../forge-app';
import type { Finding } from '../findings';
import { inManifest } from './rule';

/**
 * `'*'` in backend egress: Forge deploys it, and `@forge/egress` lets every host through over
 * either scheme, but it costs the app the Runs on Atlassian badge (facts.md §1) and invites the
 * broadest review: what a Marketplace reviewer raises first.
 */
export function egressAnyHost(app: ForgeApp): Finding[] {
  return app.backendEgress
    .filter((entry) => entry.kind !== 'remote' && entry.address.trim() === '*')
    .map((entry) =>
      inManifest(
        app,
        'EGRESS-ANY-HOST',
        entry.path,
        "backend egress allows any host ('*'): the app cannot earn Runs on Atlassian, and its review covers every host it could call",
        "List the hosts the app calls (api.example.com, *.example.com); the run's egress report shows the ones it reached.",
      ),
    );
}
