/** A mutant of an app: one domain defect, put into a copy of the app, that a run should catch. */
import type { ConformanceFile } from '../app/conformance-file';
import type { ApiRoute, ForgeApp } from '../app/forge-app';

export interface Mutant {
  /** The operator that made it (operators/, one a file). */
  operator: string;
  /** What it changed, in words: `GET /greetings/* answers 500`. */
  change: string;
  /** Makes the defect in a copy of the app (the copy's own folder). */
  apply(copy: string): void;
  /** What in the app's own suite would catch it, said when it survives. */
  wouldKill: string;
}

/** An operator: the mutants it makes of an app (none where it does not apply). */
export interface MutationOperator {
  id: string;
  /** What the operator does, for `mutate --help` and the report. */
  title: string;
  mutants(subject: MutationSubject): Mutant[];
}

/** What operators read: the app, its conformance.yaml, and the route whose handler they change. */
export interface MutationSubject {
  app: ForgeApp;
  conformance: ConformanceFile;
  /**
   * The route a handler mutant changes: one the app's own suite should reach to a 2xx (with an
   * example, a GET first), so a survivor says something about the suite, not about the route.
   */
  route: ApiRoute | undefined;
  /** A host the manifest lets the app reach (a wildcard's made concrete), for mutants that send to it. */
  declaredHost: string | undefined;
}
