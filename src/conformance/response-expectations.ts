/** Whether a scenario step's response is what conformance.yaml expects, and where not, why. */
import { isDeepStrictEqual } from 'node:util';
import { JSONPath } from 'jsonpath-plus';
import type { JsonPathAssertion, ScenarioExpectation } from '../app/conformance-file';
import { answerDefects } from './answer-defects';

/** A response as a scenario step sees it. */
export interface StepResponse {
  status: number;
  headers: Headers;
  text: string;
}

const show = (value: unknown) => JSON.stringify(value)?.slice(0, 200) ?? String(value);

/** `expected` is a partial view of `actual`: fields given must match; list items must each be found. Where not, why. */
export function partialMismatch(actual: unknown, expected: unknown, where: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${where} is ${show(actual)}, not a list`;
    for (const [i, item] of expected.entries()) {
      if (!actual.some((candidate) => partialMismatch(candidate, item, '') === undefined)) return `${where}[${i}] ${show(item)} is not in ${show(actual)}`;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${where} is ${show(actual)}, not an object`;
    for (const [key, value] of Object.entries(expected)) {
      const why = partialMismatch((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
      if (why) return why;
    }
    return undefined;
  }
  return isDeepStrictEqual(actual, expected) ? undefined : `${where} is ${show(actual)}, not ${show(expected)}`;
}

const TYPES: Record<NonNullable<JsonPathAssertion['is']>, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  list: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  null: (v) => v === null,
  empty: (v) => v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0),
};

/**
 * One JSONPath assertion (jsonpath-plus) on a body: the query's value is its one match, or the
 * list of its matches; then the predicate. Why it does not hold, or undefined.
 */
export function jsonPathMismatch(body: unknown, assertion: JsonPathAssertion): string | undefined {
  const matches = JSONPath({ path: assertion.path, json: body as object, wrap: true }) as unknown[];
  const value = matches.length === 1 ? matches[0] : matches;
  const at = `${assertion.path} (${show(value)})`;
  if ('equals' in assertion && !isDeepStrictEqual(value, assertion.equals)) return `${at} does not equal ${show(assertion.equals)}`;
  if (assertion.matches !== undefined && !(typeof value === 'string' && new RegExp(assertion.matches).test(value)))
    return `${at} does not match /${assertion.matches}/`;
  if ('contains' in assertion) {
    const holds = Array.isArray(value)
      ? value.some((item) => isDeepStrictEqual(item, assertion.contains))
      : typeof value === 'string' && typeof assertion.contains === 'string' && value.includes(assertion.contains);
    if (!holds) return `${at} does not contain ${show(assertion.contains)}`;
  }
  if (assertion.is !== undefined && !TYPES[assertion.is](value)) return `${at} is not ${assertion.is === 'empty' ? 'empty' : `a ${assertion.is}`}`;
  if (assertion.count !== undefined) {
    const count = Array.isArray(value) ? value.length : matches.length;
    if (count !== assertion.count) return `${at} has ${count} items, not ${assertion.count}`;
  }
  return undefined;
}

/** Every way a step's response falls short of what the scenario expects (none: it meets it). */
export function unmetExpectations(expected: ScenarioExpectation, response: StepResponse): string[] {
  // A JSON 2xx that does not parse fails whatever the step asserts (answer-defects.ts).
  const unmet: string[] = answerDefects(response, { ownExample: false });
  if (response.status !== expected.status) unmet.push(`status is ${response.status}, not ${expected.status} (${response.text.slice(0, 200)})`);
  for (const [name, prefix] of Object.entries(expected.headers ?? {})) {
    const value = response.headers.get(name) ?? '';
    if (!value.startsWith(prefix)) unmet.push(`header ${name} is ${show(value)}, not one starting ${show(prefix)}`);
  }
  for (const [name, pattern] of Object.entries(expected.headersMatch ?? {})) {
    const value = response.headers.get(name);
    if (value === null || !new RegExp(pattern).test(value)) unmet.push(`header ${name} is ${show(value)}, which does not match /${pattern}/`);
  }
  const wantsBody = expected.body !== undefined || 'bodyEquals' in expected || (expected.jsonpath ?? []).length > 0;
  // A body already said not to be JSON is not said so twice.
  if (!wantsBody || unmet.some((why) => why.includes('its body is not JSON'))) return unmet;
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return [...unmet, `the body is not JSON: ${response.text.slice(0, 200)}`];
  }
  if (expected.body !== undefined) {
    const why = partialMismatch(body, expected.body, 'body');
    if (why) unmet.push(why);
  }
  if ('bodyEquals' in expected && !isDeepStrictEqual(body, expected.bodyEquals)) unmet.push(`body is ${show(body)}, not exactly ${show(expected.bodyEquals)}`);
  for (const assertion of expected.jsonpath ?? []) {
    const why = jsonPathMismatch(body, assertion);
    if (why) unmet.push(why);
  }
  return unmet;
}
