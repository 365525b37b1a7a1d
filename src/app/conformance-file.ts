/** The app's conformance.yaml (route examples, scenarios and what each step expects) and conformance.waivers.yaml, read and checked at their lines. */
import { isRecord } from '../common/is-record';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppLoadError } from './app-load-error';
import { placeholdersIn } from './step-captures';
import { YamlFile, type SourcePosition } from './yaml-file';
import { CONFORMANCE_SCHEMA, WAIVERS_SCHEMA } from './conformance-schema';
import { schemaProblems } from './conformance-validation';

export const CONFORMANCE_FILE = 'conformance.yaml';
export const WAIVERS_FILE = 'conformance.waivers.yaml';

export interface ScenarioRequest {
  method: string;
  /** The app path with its query string, e.g. /employees?department=Finance */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The calling user's accountId (a member of the scenario's site); a fresh user otherwise. */
  user?: string;
  /** Custom scopes for the token; the route's own scopes otherwise. */
  scopes?: string[];
  /** `none`: the request carries no Authorization header at all. */
  token?: 'none';
  /** `other`: the call goes to a second installation of the app, on a site of its own. */
  site?: 'other';
}

/** A JSONPath query on the response body and one predicate on its value (a single match, or the list of matches). */
export interface JsonPathAssertion {
  path: string;
  equals?: unknown;
  /** A regular expression the (string) value matches. */
  matches?: string;
  /** An item of the list value, or a substring of the string value. */
  contains?: unknown;
  is?: 'string' | 'number' | 'boolean' | 'list' | 'object' | 'null' | 'empty';
  /** How many items the list value has. */
  count?: number;
}

export interface ScenarioExpectation {
  status: number;
  /** Header values by prefix. */
  headers?: Record<string, string>;
  /** Header values by regular expression. */
  headersMatch?: Record<string, string>;
  /** Matched partially: every field given must be there with that value. */
  body?: unknown;
  /** Matched exactly: `[]` means an empty list. */
  bodyEquals?: unknown;
  jsonpath?: JsonPathAssertion[];
}

/** One request of a scenario or a state's setup, and the response it must give. */
export interface ScenarioStep {
  request: ScenarioRequest;
  expect: ScenarioExpectation;
  /** Values of the response body to use in later requests as `{{name}}`: name → JSONPath query. */
  capture?: Record<string, string>;
  /** Sent again until its `expect` holds (work done in the background), at most `attempts` times. */
  retry?: { attempts: number; intervalMs: number };
}

export interface Scenario {
  name: string;
  /** Informational: the upstream stub files the scenario relies on. */
  upstreams: string[];
  steps: ScenarioStep[];
}

/**
 * A concrete request for one route, which every generated call of the route uses: its path and
 * query, body, headers and calling user. A route reaches its success path (a 2xx) only with the
 * request it expects, so an app whose routes take bodies or need an existing record needs these.
 */
export interface RouteExample {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The calling user's accountId; a fresh user otherwise. */
  user?: string;
  /** States (`states:`) set up first on the case's installation, so the example's record exists. */
  given?: string[];
}

export interface ConformanceFile {
  /** Concrete requests the generated matrix uses per route key, instead of a made-up path. */
  examples: Record<string, RouteExample>;
  scenarios: Scenario[];
  /** By external host: the methods the app is expected to send it through the proxy (EGRESS-COVERAGE-01). */
  egress: Record<string, string[]>;
  /**
   * The app's own provider states for consumer pacts ("employee 4 is a new hire"), by name: the
   * requests that set each up on an interaction's site, as its caller, before the interaction.
   */
  states: Record<string, ScenarioStep[]>;
  /** Where each value came from (absent without a conformance.yaml), for findings about it. */
  source?: YamlFile;
}

export interface Waiver {
  check: string;
  /** Only this route's case of the check; every case when absent. */
  route?: string;
  reason: string;
}

/** The waiver that accepts a check's case on a route (or an app-wide case), if one does. */
export const waiverFor = (waivers: readonly Waiver[], check: string, route: string | undefined): Waiver | undefined =>
  waivers.find((w) => w.check === check && (w.route === undefined || w.route === route));

/**
 * conformance.yaml or conformance.waivers.yaml says something the run cannot use. The run stops
 * with the message (`file:line: what`); lint reports the same as a CONFORMANCE-FILE finding.
 */
export class ConformanceFileError extends AppLoadError {
  override name = 'ConformanceFileError';
  constructor(
    readonly file: string,
    readonly at: (SourcePosition & { exact?: boolean }) | undefined,
    /** What is wrong and what to do, without the location. */
    readonly detail: string,
    /** The file's other problems, which lint lists one by one. */
    readonly others: readonly ConformanceFileError[] = [],
  ) {
    super(
      `${file}${at ? `:${at.line}${at.exact ? `:${at.column}` : ''}` : ''}: ${detail}${others.length ? ` (and ${others.length} more: run lint to see each)` : ''}`,
    );
  }
}

/** Reads the file and holds it to its schema: every problem the schema finds, the first (by line) thrown with the others. */
function parse(dir: string, name: string, schema: object): { file: YamlFile; data: Record<string, unknown> } | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  const file = YamlFile.parse(name, readFileSync(path, 'utf8'));
  const error = file.syntaxErrors[0];
  if (error) throw new ConformanceFileError(name, { ...error, exact: true }, `${error.message}; fix the YAML.`);
  const problems = schemaProblems(schema, file.data)
    .map(
      (p) =>
        new ConformanceFileError(
          name,
          isRecord(file.data) ? file.positionOf(p.path, { key: p.atKey }) : undefined,
          /[.?]$/.test(p.detail) ? p.detail : `${p.detail}.`,
        ),
    )
    .sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0));
  if (problems.length) throw new ConformanceFileError(problems[0]!.file, problems[0]!.at, problems[0]!.detail, problems.slice(1));
  return { file, data: file.data as Record<string, unknown> };
}

/** The app's conformance.yaml: example requests for the matrix, and scripted scenarios. */
export function loadConformanceFile(dir: string, platformStates: readonly string[]): ConformanceFile {
  const parsed = parse(dir, CONFORMANCE_FILE, CONFORMANCE_SCHEMA);
  if (!parsed) return { examples: {}, scenarios: [], egress: {}, states: {} };
  const { file, data } = parsed;
  const fail = (path: (string | number)[], what: string) => new ConformanceFileError(CONFORMANCE_FILE, file.positionOf(path), `${path.join('.')} ${what}.`);

  const examples: ConformanceFile['examples'] = {};
  // The schema has held every field to its form: what is left are the rules between fields.
  for (const [key, value] of Object.entries((data.examples ?? {}) as Record<string, RouteExample>)) examples[key] = value;
  const regex = (pattern: unknown, at: (string | number)[]) => {
    if (typeof pattern !== 'string') throw fail(at, 'must be a regular expression, as a string');
    try {
      new RegExp(pattern);
    } catch (error) {
      throw fail(at, `is not a regular expression (${(error as Error).message})`);
    }
  };
  // Regular expressions the schema can only see as strings: each must compile.
  const expectation = (value: ScenarioExpectation, at: (string | number)[]): ScenarioExpectation => {
    for (const [name, pattern] of Object.entries(value.headersMatch ?? {})) regex(pattern, [...at, 'headersMatch', name]);
    for (const [i, assertion] of (value.jsonpath ?? []).entries()) if ('matches' in assertion) regex(assertion.matches, [...at, 'jsonpath', i, 'matches']);
    return value;
  };
  const retry = (value: ScenarioStep['retry'] | undefined): ScenarioStep['retry'] => value && { attempts: value.attempts, intervalMs: value.intervalMs ?? 500 };

  /**
   * A `steps:` list, or one `request:` and `expect:` on the item itself. A step may use as
   * `{{name}}` only what an earlier step (or a state set up first) captured.
   */
  const stepsOf = (raw: Record<string, unknown>, at: (string | number)[], captured: Set<string> = new Set()): ScenarioStep[] => {
    const single = !Array.isArray(raw.steps);
    const steps = Array.isArray(raw.steps) ? raw.steps : [{ request: raw.request, expect: raw.expect, capture: raw.capture, retry: raw.retry }];
    return (steps as Record<string, unknown>[]).map((item, i) => {
      const stepAt = single ? at : [...at, 'steps', i];
      const parsed: ScenarioStep = {
        request: item.request as ScenarioRequest,
        expect: expectation(item.expect as ScenarioExpectation, [...stepAt, 'expect']),
      };
      const unknown = placeholdersIn(parsed.request.path, parsed.request.body, parsed.request.headers).filter((name) => !captured.has(name));
      if (unknown.length) throw fail([...stepAt, 'request'], `uses {{${unknown[0]}}}, which no earlier step captures (capture: {${unknown[0]}: $.…})`);
      const captures = item.capture as Record<string, string> | undefined;
      const retried = retry(item.retry as ScenarioStep['retry']);
      for (const name of Object.keys(captures ?? {})) captured.add(name);
      return { ...parsed, ...(captures && { capture: captures }), ...(retried && { retry: retried }) };
    });
  };

  const list = (data.scenarios ?? []) as (Record<string, unknown> & { name: string; upstreams?: string[] })[];
  const scenarios = list.map((raw, index): Scenario => ({ name: raw.name, upstreams: raw.upstreams ?? [], steps: stepsOf(raw, ['scenarios', index]) }));
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name))
      throw new ConformanceFileError(
        CONFORMANCE_FILE,
        file.positionOf(['scenarios', scenarios.lastIndexOf(s)]),
        `two scenarios are named "${s.name}"; give each its own name.`,
      );
    names.add(s.name);
  }

  const states: ConformanceFile['states'] = Object.create(null);
  for (const [name, raw] of Object.entries((data.states ?? {}) as Record<string, Record<string, unknown>>)) {
    if (platformStates.includes(name))
      throw fail(['states', name], "is one of the platform's own states, which the verifier sets up itself: give the app's state another name");
    states[name] = stepsOf(raw, ['states', name]);
    const elsewhere = states[name].findIndex((step) => step.request.site !== undefined);
    if (elsewhere >= 0)
      throw fail(
        Array.isArray(raw.steps) ? ['states', name, 'steps', elsewhere, 'request', 'site'] : ['states', name, 'request', 'site'],
        'cannot name a site: a state is set up on the site of the case that needs it',
      );
    const asUser = states[name].findIndex((step) => step.request.user !== undefined);
    if (asUser >= 0)
      throw fail(
        Array.isArray(raw.steps) ? ['states', name, 'steps', asUser, 'request', 'user'] : ['states', name, 'request', 'user'],
        'cannot name a user: a state is set up as the interaction\'s caller (a pact sets the caller with the state "the caller is user")',
      );
  }
  // An example's states are set up in the order given, and what they capture its request may use.
  for (const [key, example] of Object.entries(examples)) {
    const captured = new Set<string>();
    for (const [i, name] of (example.given ?? []).entries()) {
      if (!states[name]) throw fail(['examples', key, 'given', i], `names no state of states: (${Object.keys(states).join(', ') || 'there are none'})`);
      for (const step of states[name]) for (const captures of Object.keys(step.capture ?? {})) captured.add(captures);
    }
    const unknown = placeholdersIn(example.path, example.body, example.headers).filter((name) => !captured.has(name));
    if (unknown.length) throw fail(['examples', key], `uses {{${unknown[0]}}}, which none of its given states captures`);
  }
  // Hosts are matched as the proxy records them: lower case.
  const egress = Object.fromEntries(Object.entries((data.egress ?? {}) as Record<string, string[]>).map(([host, methods]) => [host.toLowerCase(), methods]));
  return { examples, scenarios, egress, states, source: file };
}

/** The app's conformance.waivers.yaml: accepted failures, each with its reason. */
export function loadWaivers(dir: string, knownChecks: readonly string[]): Waiver[] {
  const parsed = parse(dir, WAIVERS_FILE, WAIVERS_SCHEMA);
  if (!parsed) return [];
  const { file, data } = parsed;
  const list = (data.waivers ?? []) as Waiver[];
  return list.map((raw, index) => {
    const fail = (detail: string) => new ConformanceFileError(WAIVERS_FILE, file.positionOf(['waivers', index]), detail);
    if (!knownChecks.includes(raw.check)) throw fail(`there is no check ${raw.check}; the checks are ${knownChecks.join(', ')}.`);
    if (raw.reason.trim().length < 10) throw fail(`waiver of ${raw.check} needs a reason (a sentence, at least 10 characters).`);
    return { check: raw.check, reason: raw.reason.trim(), ...(raw.route !== undefined && { route: raw.route }) };
  });
}
