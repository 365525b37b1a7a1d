/** The app's conformance.yaml (route examples, scenarios and what each step expects) and conformance.waivers.yaml, read and checked at their lines. */
import { isRecord } from '../common/is-record';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppLoadError } from './app-load-error';
import { CAPTURE_NAME, placeholdersIn } from './step-captures';
import { YamlFile, type SourcePosition } from './yaml-file';

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

export const JSONPATH_PREDICATES = ['equals', 'matches', 'contains', 'is', 'count'] as const;

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
  ) {
    super(`${file}${at ? `:${at.line}${at.exact ? `:${at.column}` : ''}` : ''}: ${detail}`);
  }
}

function parse(dir: string, name: string): { file: YamlFile; data: Record<string, unknown> } | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  const file = YamlFile.parse(name, readFileSync(path, 'utf8'));
  const error = file.syntaxErrors[0];
  if (error) throw new ConformanceFileError(name, { ...error, exact: true }, `${error.message}; fix the YAML.`);
  if (!isRecord(file.data)) throw new ConformanceFileError(name, undefined, 'must be a YAML mapping with `version: 1`.');
  if (file.data.version !== 1) throw new ConformanceFileError(name, file.positionOf(['version']), 'needs `version: 1`.');
  return { file, data: file.data };
}

/** The app's conformance.yaml: example requests for the matrix, and scripted scenarios. */
export function loadConformanceFile(dir: string, platformStates: readonly string[]): ConformanceFile {
  const parsed = parse(dir, CONFORMANCE_FILE);
  if (!parsed) return { examples: {}, scenarios: [], states: {} };
  const { file, data } = parsed;
  const fail = (path: (string | number)[], what: string) => new ConformanceFileError(CONFORMANCE_FILE, file.positionOf(path), `${path.join('.')} ${what}.`);

  const examples: ConformanceFile['examples'] = {};
  for (const [key, value] of Object.entries(isRecord(data.examples) ? data.examples : {})) {
    if (!isRecord(value) || typeof value.path !== 'string' || !value.path.startsWith('/')) throw fail(['examples', key], 'needs a path starting with /');
    if (value.headers !== undefined && !(isRecord(value.headers) && Object.values(value.headers).every((v) => typeof v === 'string')))
      throw fail(['examples', key, 'headers'], 'must map header names to strings');
    if (value.user !== undefined && typeof value.user !== 'string') throw fail(['examples', key, 'user'], 'must be an accountId');
    if (value.given !== undefined && !(Array.isArray(value.given) && value.given.length > 0 && value.given.every((g) => typeof g === 'string')))
      throw fail(['examples', key, 'given'], 'must be a list of state names (states:) to set up first');
    examples[key] = {
      path: value.path,
      ...(value.body !== undefined && { body: value.body }),
      ...(value.headers !== undefined && { headers: value.headers as Record<string, string> }),
      ...(value.user !== undefined && { user: value.user as string }),
      ...(value.given !== undefined && { given: value.given as string[] }),
    };
  }

  const request = (value: unknown, at: (string | number)[]): ScenarioRequest => {
    if (!isRecord(value)) throw fail(at, 'must be a mapping with method and path');
    if (typeof value.method !== 'string' || !/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(value.method))
      throw fail([...at, 'method'], 'must be an HTTP method');
    if (typeof value.path !== 'string' || !value.path.startsWith('/')) throw fail([...at, 'path'], 'must start with /');
    if (value.user !== undefined && typeof value.user !== 'string') throw fail([...at, 'user'], 'must be an accountId');
    if (value.scopes !== undefined && !(Array.isArray(value.scopes) && value.scopes.every((s) => typeof s === 'string')))
      throw fail([...at, 'scopes'], 'must be a list of scope names');
    if (value.token !== undefined && value.token !== 'none')
      throw fail([...at, 'token'], "can only be `none` (no Authorization header); leave it out for a token with the route's scopes");
    if (value.site !== undefined && value.site !== 'other')
      throw fail([...at, 'site'], "can only be `other` (a second installation of the app, on a site of its own); leave it out for the scenario's site");
    return value as unknown as ScenarioRequest;
  };
  const regex = (pattern: unknown, at: (string | number)[]) => {
    if (typeof pattern !== 'string') throw fail(at, 'must be a regular expression, as a string');
    try {
      new RegExp(pattern);
    } catch (error) {
      throw fail(at, `is not a regular expression (${(error as Error).message})`);
    }
  };
  const expectation = (value: unknown, at: (string | number)[]): ScenarioExpectation => {
    if (!isRecord(value) || typeof value.status !== 'number') throw fail(at, 'needs a numeric status');
    for (const field of ['headers', 'headersMatch'] as const) {
      if (value[field] !== undefined && !(isRecord(value[field]) && Object.values(value[field]).every((v) => typeof v === 'string')))
        throw fail([...at, field], 'must map header names to strings');
    }
    for (const [name, pattern] of Object.entries(isRecord(value.headersMatch) ? value.headersMatch : {})) regex(pattern, [...at, 'headersMatch', name]);
    if (value.jsonpath !== undefined && !Array.isArray(value.jsonpath))
      throw fail([...at, 'jsonpath'], 'must be a list of {path, and one of equals, matches, contains, is, count}');
    for (const [i, assertion] of ((value.jsonpath as unknown[]) ?? []).entries()) {
      const where = [...at, 'jsonpath', i];
      if (!isRecord(assertion) || typeof assertion.path !== 'string' || !assertion.path.startsWith('$'))
        throw fail(where, 'needs a path, a JSONPath query starting with $');
      const predicates = JSONPATH_PREDICATES.filter((p) => p in assertion);
      const unknown = Object.keys(assertion).filter((k) => k !== 'path' && !(JSONPATH_PREDICATES as readonly string[]).includes(k));
      if (unknown.length || predicates.length !== 1)
        throw fail(where, `needs exactly one of ${JSONPATH_PREDICATES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`);
      if ('matches' in assertion) regex(assertion.matches, [...where, 'matches']);
      if ('is' in assertion && !['string', 'number', 'boolean', 'list', 'object', 'null', 'empty'].includes(assertion.is as string))
        throw fail([...where, 'is'], 'must be one of string, number, boolean, list, object, null, empty');
      if ('count' in assertion && !(Number.isInteger(assertion.count) && (assertion.count as number) >= 0))
        throw fail([...where, 'count'], 'must be a whole number');
    }
    return value as unknown as ScenarioExpectation;
  };

  const capture = (value: unknown, at: (string | number)[]): Record<string, string> | undefined => {
    if (value === undefined) return undefined;
    if (!isRecord(value)) throw fail(at, 'must map names to JSONPath queries on the response body (id: $.id)');
    for (const [name, query] of Object.entries(value)) {
      if (!CAPTURE_NAME.test(name)) throw fail([...at, name], 'is not a name later steps can use as {{name}} (letters, digits and _)');
      if (typeof query !== 'string' || !query.startsWith('$')) throw fail([...at, name], 'must be a JSONPath query starting with $');
    }
    return value as Record<string, string>;
  };
  const retry = (value: unknown, at: (string | number)[]): ScenarioStep['retry'] => {
    if (value === undefined) return undefined;
    if (!isRecord(value)) throw fail(at, 'must be {attempts, intervalMs}');
    const { attempts, intervalMs = 500 } = value;
    if (!Number.isInteger(attempts) || (attempts as number) < 1 || (attempts as number) > 60)
      throw fail([...at, 'attempts'], 'must be a whole number from 1 to 60');
    if (!Number.isInteger(intervalMs) || (intervalMs as number) < 0 || (intervalMs as number) > 10_000)
      throw fail([...at, 'intervalMs'], 'must be a whole number of milliseconds from 0 to 10000');
    return { attempts: attempts as number, intervalMs: intervalMs as number };
  };

  /**
   * A `steps:` list, or one `request:` and `expect:` on the item itself. A step may use as
   * `{{name}}` only what an earlier step (or a state set up first) captured.
   */
  const stepsOf = (raw: Record<string, unknown>, at: (string | number)[], captured: Set<string> = new Set()): ScenarioStep[] => {
    const single = !Array.isArray(raw.steps);
    const steps = Array.isArray(raw.steps) ? raw.steps : [{ request: raw.request, expect: raw.expect, capture: raw.capture, retry: raw.retry }];
    if (steps.length === 0) throw fail([...at, 'steps'], 'must not be empty');
    return steps.map((step, i) => {
      const stepAt = single ? at : [...at, 'steps', i];
      const item = isRecord(step) ? step : {};
      const parsed: ScenarioStep = {
        request: request(item.request, [...stepAt, 'request']),
        expect: expectation(item.expect, [...stepAt, 'expect']),
      };
      const unknown = placeholdersIn(parsed.request.path, parsed.request.body, parsed.request.headers).filter((name) => !captured.has(name));
      if (unknown.length) throw fail([...stepAt, 'request'], `uses {{${unknown[0]}}}, which no earlier step captures (capture: {${unknown[0]}: $.…})`);
      const captures = capture(item.capture, [...stepAt, 'capture']);
      const retried = retry(item.retry, [...stepAt, 'retry']);
      for (const name of Object.keys(captures ?? {})) captured.add(name);
      return { ...parsed, ...(captures && { capture: captures }), ...(retried && { retry: retried }) };
    });
  };

  const list = data.scenarios ?? [];
  if (!Array.isArray(list)) throw fail(['scenarios'], 'must be a list');
  const scenarios = list.map((raw, index): Scenario => {
    const at = ['scenarios', index];
    if (!isRecord(raw) || typeof raw.name !== 'string') throw fail(at, 'needs a name');
    return { name: raw.name, upstreams: Array.isArray(raw.upstreams) ? raw.upstreams.map(String) : [], steps: stepsOf(raw, at) };
  });
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

  if (data.states !== undefined && !isRecord(data.states)) throw fail(['states'], 'must map each state name to its steps');
  const states: ConformanceFile['states'] = Object.create(null);
  for (const [name, raw] of Object.entries(isRecord(data.states) ? data.states : {})) {
    if (platformStates.includes(name))
      throw fail(['states', name], "is one of the platform's own states, which the verifier sets up itself: give the app's state another name");
    if (!isRecord(raw)) throw fail(['states', name], 'needs steps (or one request and expect) that set the state up');
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
  return { examples, scenarios, states, source: file };
}

/** The app's conformance.waivers.yaml: accepted failures, each with its reason. */
export function loadWaivers(dir: string, knownChecks: readonly string[]): Waiver[] {
  const parsed = parse(dir, WAIVERS_FILE);
  if (!parsed) return [];
  const { file, data } = parsed;
  const list = data.waivers ?? [];
  if (!Array.isArray(list)) throw new ConformanceFileError(WAIVERS_FILE, file.positionOf(['waivers']), 'waivers must be a list of {check, route?, reason}.');
  return list.map((raw, index) => {
    const fail = (detail: string) => new ConformanceFileError(WAIVERS_FILE, file.positionOf(['waivers', index]), detail);
    if (!isRecord(raw) || typeof raw.check !== 'string') throw fail('a waiver names the check it waives (check: APIROUTE-SCOPE-01).');
    if (!knownChecks.includes(raw.check)) throw fail(`there is no check ${raw.check}; the checks are ${knownChecks.join(', ')}.`);
    if (typeof raw.reason !== 'string' || raw.reason.trim().length < 10)
      throw fail(`waiver of ${raw.check} needs a reason (a sentence, at least 10 characters).`);
    if (raw.route !== undefined && typeof raw.route !== 'string') throw fail('route must be a route key.');
    return { check: raw.check, reason: raw.reason.trim(), ...(raw.route !== undefined && { route: raw.route as string }) };
  });
}
