/**
 * Every conformance check: a stable id, the clause of facts.md it enforces, a severity, what
 * it expects of the platform profile, and the evidence it must have observed to pass. Ids are
 * what partners waive, CI gates on and JUnit carries; they never change meaning. A check whose
 * evidence is missing is skipped for evidence (never passed). Add a check here first, then its
 * cases and its test.
 */
export type CheckSeverity = 'failure' | 'warning';
export type SuiteName =
  | 'lint'
  | 'consented-calls'
  | 'admin-disabled'
  | 'scope-denial'
  | 'auth'
  | 'routing'
  | 'identity'
  | 'egress'
  | 'proxy-methods'
  | 'scenarios'
  | 'events'
  | 'sql'
  | 'variables'
  | 'coverage'
  | 'contracts';

export interface CheckDefinition {
  title: string;
  clause: string;
  severity: CheckSeverity;
  suite: SuiteName;
  /** The profile setting whose exact value the emulator asserts (a real deployment: only the category). */
  expects?: string;
  /** What the check must have observed; without it the check is skipped for evidence. */
  evidence: string;
}

/** Evidence the checks share. */
const RECORDED = 'the gateway recorded the call and its decision';
const RETURNED = "the route's handler ran to a result for the call";
const SUCCESS_PATH = "the route's handler answered the call with a 2xx (its success path), and the proxy captured that invocation's traffic";

export const CHECKS = {
  'MANIFEST-LINT-01': {
    title: 'manifest.yml and custom-scopes.yaml deploy: lint finds no errors',
    clause: '§1, §2',
    severity: 'failure',
    suite: 'lint',
    evidence: 'lint read manifest.yml, custom-scopes.yaml and every handler file',
  },
  'APIROUTE-CONSENT-01': {
    title: 'a consented call reaches the handler, which answers with a documented response',
    clause: '§3, §5',
    severity: 'failure',
    suite: 'consented-calls',
    evidence: RECORDED,
  },
  'APIROUTE-ADMIN-01': {
    title: 'REST APIs disabled for the site: refused, handler not invoked',
    clause: '§3',
    severity: 'failure',
    suite: 'admin-disabled',
    expects: 'refusals.siteDisabled',
    evidence: RECORDED,
  },
  'APIROUTE-SCOPE-01': {
    title: 'a token missing one of the route scopes is refused, handler not invoked',
    clause: '§3',
    severity: 'failure',
    suite: 'scope-denial',
    expects: 'refusals.scopeMismatch',
    evidence: RECORDED,
  },
  'APIROUTE-SCOPE-02': {
    title: 'a token without the product scope is refused, handler not invoked (ECO-1289)',
    clause: '§3',
    severity: 'failure',
    suite: 'scope-denial',
    expects: 'refusals.scopeMismatch',
    evidence: RECORDED,
  },
  'APIROUTE-AUTH-01': {
    title: 'no token: refused, handler not invoked',
    clause: '§3, §7',
    severity: 'failure',
    suite: 'auth',
    expects: 'refusals.unauthorized',
    evidence: RECORDED,
  },
  'APIROUTE-AUTH-02': {
    title: 'an expired token: refused, handler not invoked',
    clause: '§4, §7',
    severity: 'failure',
    suite: 'auth',
    expects: 'refusals.unauthorized',
    evidence: RECORDED,
  },
  'APIROUTE-AUTH-03': {
    title: "another site's token: refused, handler not invoked",
    clause: '§3, §7',
    severity: 'failure',
    suite: 'auth',
    expects: 'refusals.unauthorized',
    evidence: RECORDED,
  },
  'APIROUTE-ROUTE-01': {
    title: 'an undeclared operation on a declared path is 405 with Allow, handler not invoked',
    clause: '§1, §7',
    severity: 'failure',
    suite: 'routing',
    expects: 'refusals.methodNotAllowed',
    evidence: RECORDED,
  },
  'APIROUTE-CONTENT-01': {
    title: 'a body that is not JSON is refused, handler not invoked',
    clause: '§1, §7',
    severity: 'failure',
    suite: 'routing',
    expects: 'refusals.unsupportedMediaType',
    evidence: RECORDED,
  },
  'APIROUTE-CONTENT-02': {
    title: 'a body over 5 MB is refused, handler not invoked',
    clause: '§5, §7',
    severity: 'failure',
    suite: 'routing',
    expects: 'refusals.payloadTooLarge',
    evidence: RECORDED,
  },
  'APIROUTE-IDENTITY-01': {
    title: 'a forged identity header never reaches the handler: it sees the token’s user',
    clause: '§5',
    severity: 'failure',
    suite: 'identity',
    evidence: RETURNED,
  },
  'EGRESS-ALLOWLIST-01': {
    title: 'the handler egresses only to domains the manifest declares',
    clause: '§5, §6',
    severity: 'failure',
    suite: 'egress',
    evidence: SUCCESS_PATH,
  },
  'EGRESS-TOKEN-01': {
    title: "the caller's access token never leaves through the proxy, by any door",
    clause: '§5',
    severity: 'failure',
    suite: 'egress',
    evidence: SUCCESS_PATH,
  },
  'EGRESS-STUB-01': {
    title: 'every external request the handler makes is answered (an upstream stub exists for it)',
    clause: '§6',
    severity: 'warning',
    suite: 'proxy-methods',
    evidence: SUCCESS_PATH,
  },
  'EGRESS-COVERAGE-01': {
    title: 'the app sends each external host the methods conformance.yaml expects of it, and only those',
    clause: '§6',
    severity: 'failure',
    suite: 'coverage',
    evidence: "the proxy's traffic log of the full run, against conformance.yaml's `egress:`",
  },
  'EVENTS-CONSUMER-01': {
    title:
      "every event the app pushed (or app event it published) is delivered to its queue's consumer (or the app's trigger), which handles it within its retries",
    clause: '§12',
    severity: 'failure',
    suite: 'events',
    evidence: 'the queue log of the run: every push, and every delivery with what became of it, after the queues settled',
  },
  'SQL-STATEMENT-01': {
    title: 'every Forge SQL statement the app sends is one Forge runs: none refused by its rules, none invalid, none over its time limit',
    clause: '§13',
    severity: 'failure',
    suite: 'sql',
    evidence: 'the SQL log of the run: every statement of every invocation, run or refused, with its error code',
  },
  'APIROUTE-SECRET-01': {
    title: "no handler's response carries the value of an encrypted variable",
    clause: '§10',
    severity: 'failure',
    suite: 'variables',
    evidence: "the route's handler answered some call of the run, with the app's encrypted variables known to the gateway",
  },
  'APIROUTE-COVERAGE-01': {
    title: 'every route is exercised to a 2xx by some call of the run (its success path was observed)',
    clause: '§3, §5',
    severity: 'warning',
    suite: 'coverage',
    evidence: 'every call of the full run, as the gateway recorded it',
  },
  'CONTRACT-PACT-01': {
    title: "an interaction of a consumer's Pact contract holds, through the platform",
    clause: 'consumer contracts',
    severity: 'failure',
    suite: 'contracts',
    evidence: "the interaction's response, its provider states set up on a site of its own",
  },
  'SCENARIO-01': {
    title: 'an example request of conformance.yaml gets the expected response',
    clause: 'conformance.yaml',
    severity: 'failure',
    suite: 'scenarios',
    evidence: "every step's response",
  },
} as const satisfies Record<string, CheckDefinition>;

/** The annotation (and outcome) of a check skipped because what it needs was never observed. */
export const NO_EVIDENCE = 'no-evidence';

export type CheckId = keyof typeof CHECKS;
export const CHECK_IDS = Object.keys(CHECKS) as CheckId[];
