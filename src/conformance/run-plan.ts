/**
 * What a run's suites run, read once: the app's cases (from its manifest, conformance.yaml and
 * the consumer pacts it keeps) and its waivers. The run makes the plan before anything starts and
 * hands it to the test runner's processes as one JSON file, so no process reads the app's files
 * again; suites run on their own (the conformance project of `npm test`) make it themselves.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { appPactSources, pactFilesOf } from '../app/app-pacts';
import { loadConformanceFile, loadWaivers, type Waiver } from '../app/conformance-file';
import type { ApiRoute, ForgeApp } from '../app/forge-app';
import type { HarnessNames } from '../app/lint/rule';
import { pactInteractions } from '../app/pact-file';
import { generateCases, type CheckCase } from './matrix';

export interface RunPlan {
  appDir: string;
  cases: CheckCase[];
  waivers: Waiver[];
  /** The consumer pacts the app keeps (its contracts/pacts/ or pacts/). */
  pactFiles: string[];
  routes: ApiRoute[];
  customScopes: string[];
  /** conformance.yaml's `egress:`: the methods expected per external host. */
  egress: Record<string, string[]>;
}

/** Where the runner's processes find the run's plan. */
export const PLAN_FILE_ENV = 'FORGE_CONFORMANCE_PLAN';

/** Reads the app's conformance.yaml, waivers and pacts (each error one sentence at its line) and generates its cases. */
export function planRun(app: ForgeApp, names: HarnessNames): RunPlan {
  const conformance = loadConformanceFile(app.dir, names.platformStates);
  const waivers = loadWaivers(app.dir, names.checkIds);
  const pactFiles = pactFilesOf(appPactSources(app.dir));
  return {
    appDir: app.dir,
    cases: generateCases(app, conformance, pactInteractions(pactFiles)),
    waivers,
    pactFiles,
    routes: [...app.apiRoutes],
    customScopes: app.customScopes.map((scope) => scope.name),
    egress: conformance.egress,
  };
}

export const writePlan = (file: string, plan: RunPlan): void => writeFileSync(file, JSON.stringify(plan), { mode: 0o600 });

export const readPlan = (file: string): RunPlan => JSON.parse(readFileSync(file, 'utf8')) as RunPlan;
