import { editManifest } from '../manifest-edit';
import type { MutationOperator } from '../mutant';

/** Backend egress widened to any host. */
export const egressAnyHost: MutationOperator = {
  id: 'egress-any-host',
  title: "backend egress is widened to '*'",
  mutants: ({ app }) =>
    app.backendEgress.length === 0
      ? []
      : [
          {
            operator: 'egress-any-host',
            change: "the manifest allows any host ('*')",
            apply: (copy: string) => editManifest(copy, (manifest) => manifest.setIn(['permissions', 'external', 'fetch', 'backend'], ['*'])),
            wouldKill: 'nothing in a run: lint warns (EGRESS-ANY-HOST) and the certificate loses Runs on Atlassian; a reviewer catches it',
          },
        ],
};
