import { editManifest } from '../manifest-edit';
import type { MutationOperator } from '../mutant';

/** A backend egress entry the app relies on taken out of the manifest: what the app calls there becomes undeclared egress. */
export const dropEgressEntry: MutationOperator = {
  id: 'drop-egress-entry',
  title: 'a backend egress entry is taken out of the manifest',
  mutants: ({ app }) =>
    app.backendEgress
      .filter((entry) => entry.kind === 'address')
      .slice(0, 1)
      .map((entry) => ({
        operator: 'drop-egress-entry',
        change: `the manifest no longer allows ${entry.address}`,
        apply: (copy: string) => editManifest(copy, (manifest) => manifest.deleteIn(entry.path)),
        wouldKill: `an example or scenario whose handler calls ${entry.address} (EGRESS-ALLOWLIST-01), or conformance.yaml's egress: listing it (EGRESS-COVERAGE-01)`,
      })),
};
