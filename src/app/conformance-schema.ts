/**
 * conformance.yaml and conformance.waivers.yaml as JSON schemas, the one statement of what each
 * file may hold: the loader validates with them (ajv, as the manifest is validated), lint reports
 * every problem they find, and the table of fields in docs/partners.md is written from them
 * (`conformanceFieldsTable`). Each field says what it is for (`description`) and what a wrong
 * value must be instead (`must`, which ends the error message: "scenarios.0.request.method must
 * be an HTTP method").
 */
import { CAPTURE_NAME } from './step-captures';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
/** The seven methods of the proxy (facts.md §6), in its documented order. */
export const EGRESS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];
export const JSONPATH_TYPES = ['string', 'number', 'boolean', 'list', 'object', 'null', 'empty'];

const headerMap = (description: string) => ({
  type: 'object',
  additionalProperties: { type: 'string', must: 'must be a string' },
  must: 'must map header names to strings',
  description,
});
const anyValue = (description: string) => ({ description });
const accountId = () => ({
  type: 'string',
  must: 'must be an accountId',
  description: "the calling user's accountId (a member of the site); a fresh user otherwise",
});

const request = {
  type: 'object',
  additionalProperties: false,
  required: ['method', 'path'],
  must: 'must be a mapping with method and path',
  description: 'the request a step sends',
  properties: {
    method: { enum: HTTP_METHODS, must: 'must be an HTTP method', description: 'the HTTP method' },
    path: { type: 'string', pattern: '^/', must: 'must start with /', description: 'the app path with its query string, e.g. /employees?department=Finance' },
    body: anyValue('the JSON body'),
    headers: headerMap('request headers'),
    user: accountId(),
    scopes: {
      type: 'array',
      items: { type: 'string' },
      must: 'must be a list of scope names',
      description: "the custom scopes of the token; the route's own otherwise",
    },
    token: {
      const: 'none',
      must: "can only be `none` (no Authorization header); leave it out for a token with the route's scopes",
      description: '`none`: no Authorization header at all',
    },
    site: {
      const: 'other',
      must: "can only be `other` (a second installation of the app, on a site of its own); leave it out for the scenario's site",
      description: "`other`: a second installation of the app, on a site of its own; the scenario's site otherwise",
    },
  },
};

const jsonpathAssertion = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  minProperties: 2,
  maxProperties: 2,
  must: `needs a path and exactly one of equals, matches, contains, is, count`,
  description: 'a JSONPath query on the response body and one predicate on its value',
  properties: {
    path: { type: 'string', pattern: '^\\$', must: 'must be a JSONPath query starting with $', description: 'the JSONPath query (jsonpath-plus)' },
    equals: anyValue('the value equals this (deep)'),
    matches: { type: 'string', must: 'must be a regular expression, as a string', description: 'the string value matches this regular expression' },
    contains: anyValue('the list value has this item, or the string value this substring'),
    is: { enum: JSONPATH_TYPES, must: `must be one of ${JSONPATH_TYPES.join(', ')}`, description: `the value is a ${JSONPATH_TYPES.join(', ')}` },
    count: { type: 'integer', minimum: 0, must: 'must be a whole number', description: 'the list value has this many items' },
  },
};

const expectation = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  must: 'needs a numeric status',
  description: 'what the response must be',
  properties: {
    status: { type: 'integer', must: 'must be a status code', description: 'the status is this number' },
    headers: headerMap("each header's value starts with the string given"),
    headersMatch: headerMap("each header's value matches the regular expression given"),
    body: anyValue('partially: every field given is there with that value, every list item given is found in the list'),
    bodyEquals: anyValue('exactly: `[]` is an empty list, `{}` an empty object'),
    jsonpath: {
      type: 'array',
      items: jsonpathAssertion,
      must: 'must be a list of {path, and one of equals, matches, contains, is, count}',
      description: 'each query meets its one predicate; the value queried is the single match, or the list of matches',
    },
  },
};

const retry = {
  type: 'object',
  additionalProperties: false,
  required: ['attempts'],
  must: 'must be {attempts, intervalMs}',
  description: 'sent again until its expect holds (work done in the background)',
  properties: {
    attempts: { type: 'integer', minimum: 1, maximum: 60, must: 'must be a whole number from 1 to 60', description: 'at most this many times' },
    intervalMs: {
      type: 'integer',
      minimum: 0,
      maximum: 10_000,
      must: 'must be a whole number of milliseconds from 0 to 10000',
      description: 'this far apart (500 ms unless given)',
    },
  },
};

/** A step's own fields, which a scenario or a state may also hold itself when it has one step. */
const stepFields = {
  request,
  expect: expectation,
  capture: {
    type: 'object',
    propertyNames: { pattern: CAPTURE_NAME.source, must: 'is not a name later steps can use as {{name}} (letters, digits and _)' },
    additionalProperties: { type: 'string', pattern: '^\\$', must: 'must be a JSONPath query starting with $' },
    must: 'must map names to JSONPath queries on the response body (id: $.id)',
    description: 'values of the response body later requests use as `{{name}}`: name → JSONPath query',
  },
  retry,
};

const step = { type: 'object', additionalProperties: false, required: ['request', 'expect'], must: 'needs a request and an expect', properties: stepFields };

/** `steps:`, or the one step's fields on the item itself: never both. */
const stepsOrOne = {
  steps: { type: 'array', minItems: 1, items: step, must: 'must be a non-empty list of {request, expect}', description: 'the requests, in order, on one site' },
  ...stepFields,
};
const oneForm = {
  if: { required: ['steps'] },
  then: {
    not: { anyOf: ['request', 'expect', 'capture', 'retry'].map((field) => ({ required: [field] })) },
    must: 'has steps: put its request and expect in them',
  },
  else: { required: ['request', 'expect'], must: 'needs steps, or one request and expect' },
};

const example = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  must: 'needs a path starting with /',
  properties: {
    path: {
      type: 'string',
      pattern: '^/',
      must: 'needs a path starting with /',
      description: 'the path with its query, which every generated call of the route uses',
    },
    body: anyValue('the JSON body'),
    headers: headerMap('request headers'),
    user: accountId(),
    given: {
      type: 'array',
      minItems: 1,
      items: { type: 'string' },
      must: 'must be a list of state names (states:) to set up first',
      description: "states set up first on the case's site, whose captures the example may use as `{{name}}`",
    },
  },
};

const scenario = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  must: 'needs a name',
  properties: {
    name: { type: 'string', must: 'needs a name', description: 'what the scenario shows, unique in the file' },
    upstreams: {
      type: 'array',
      items: { type: 'string' },
      must: 'must be a list of file names',
      description: 'informational: the upstream stub files it relies on',
    },
    ...stepsOrOne,
  },
  ...oneForm,
};

const state = {
  type: 'object',
  additionalProperties: false,
  must: 'needs steps (or one request and expect) that set the state up',
  properties: stepsOrOne,
  ...oneForm,
};

/** A file of `version: 1` and these fields (each file its own `version`, so the docs' table lists it for each). */
const versionedFile = <P extends object>(properties: P) => ({
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  must: 'must be a YAML mapping with `version: 1`',
  properties: { version: { const: 1, must: 'must be 1', description: 'always 1' }, ...properties },
});

export const CONFORMANCE_SCHEMA = versionedFile({
  examples: {
    type: 'object',
    must: 'must map route keys to example requests',
    description: 'by route key: the request the generated calls of the route use',
    additionalProperties: example,
  },
  scenarios: {
    type: 'array',
    must: 'must be a list',
    description: 'scripted requests and the responses they must get, each scenario on a site of its own',
    items: scenario,
  },
  egress: {
    type: 'object',
    must: 'must map each external host to the methods the app is expected to send it',
    description:
      'by external host (`api.example.com`, with `:port` if it has one): the methods the app is expected to send it through the proxy, which `EGRESS-COVERAGE-01` holds the run to',
    propertyNames: {
      pattern: '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$',
      must: 'is not a host name (api.example.com, or api.example.com:8443)',
    },
    additionalProperties: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: EGRESS_METHODS, must: `must be one of ${EGRESS_METHODS.join(', ')}` },
      must: `must be a list of methods, each once: ${EGRESS_METHODS.join(', ')}`,
    },
  },
  states: {
    type: 'object',
    must: 'must map each state name to its steps',
    description: "by name: the app's own provider states, each the steps that set it up (a scenario's fields, but `name` and `upstreams`)",
    additionalProperties: state,
  },
});

const waiver = {
  type: 'object',
  additionalProperties: false,
  required: ['check', 'reason'],
  must: 'names the check it waives and why (check: APIROUTE-SCOPE-01, reason: …)',
  properties: {
    check: { type: 'string', must: 'must be a check id', description: 'the check waived' },
    route: { type: 'string', must: 'must be a route key', description: "only this route's case; every case otherwise" },
    reason: { type: 'string', minLength: 10, must: 'needs a reason (a sentence, at least 10 characters)', description: 'why, at least 10 characters' },
  },
};

export const WAIVERS_SCHEMA = versionedFile({
  waivers: { type: 'array', must: 'must be a list of {check, route?, reason}', description: 'accepted failures', items: waiver },
});

/**
 * The mappings the docs' table lists, in its order, each under the name people know it by. A
 * field is listed once, under the first mapping that holds it: a step's fields under the step,
 * though a scenario or a state of one step holds them too.
 */
export const DOCUMENTED_MAPPINGS: readonly [string, { properties: object }][] = [
  ['`conformance.yaml`', CONFORMANCE_SCHEMA],
  ['`examples.<route key>`', example],
  ['`steps[]`, or a scenario or state of one step', step],
  ['`request`', request],
  ['`expect`', expectation],
  ['`expect.jsonpath[]`', jsonpathAssertion],
  ['`retry`', retry],
  ['`scenarios[]`', scenario],
  ['`conformance.waivers.yaml`', WAIVERS_SCHEMA],
  ['`waivers[]`', waiver],
];
