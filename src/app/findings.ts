import type { SourcePosition } from './yaml-file';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Every finding the linter can report, with its severity. The ids are stable: partners grep for
 * them, CI waives them, tests assert them. Add a finding here first, then the rule that makes it.
 */
export const FINDINGS = {
  'MANIFEST-YAML-SYNTAX': { severity: 'error', summary: 'manifest.yml is not valid YAML' },
  'MANIFEST-SCHEMA': { severity: 'error', summary: 'manifest.yml breaks the schema shipped in @forge/manifest' },
  'SCOPES-YAML-SYNTAX': { severity: 'error', summary: 'custom-scopes.yaml is not valid YAML' },
  'SCOPES-SCHEMA': { severity: 'error', summary: 'custom-scopes.yaml breaks the Forge CLI rules' },
  'SCOPES-CLI-STRICT': { severity: 'error', summary: 'custom-scopes.yaml passes the documented rules but the Forge CLI rejects it' },
  'FUNCTION-UNKNOWN': { severity: 'error', summary: 'a module names a function that modules.function does not declare' },
  'HANDLER-FILE-MISSING': { severity: 'error', summary: "a function's handler file does not exist under src/" },
  'HANDLER-EXPORT-MISSING': { severity: 'error', summary: "a function's handler file does not export the handler" },
  'HANDLER-UNPARSABLE': { severity: 'error', summary: 'a handler file cannot be parsed' },
  'HANDLER-IMPORT-UNRESOLVED': {
    severity: 'error',
    summary: 'a handler file imports a package that is neither installed nor declared: forge deploy cannot bundle it',
  },
  'STORAGE-SCOPE-MISSING': {
    severity: 'error',
    summary: 'a handler file imports a Forge storage package, but permissions.scopes lacks storage:app: every storage call fails at run time',
  },
  'SQL-MODULE-MISSING': {
    severity: 'error',
    summary: 'a handler file imports @forge/sql, but the manifest declares no sql module: the app has no database, and every statement fails at run time',
  },
  'ENTITY-SCHEMA': {
    severity: 'error',
    summary: "a custom entity's index names an attribute it does not have, or the entities pass Forge's counts: its storage calls would fail",
  },
  'MODULE-KEY-DUPLICATE': { severity: 'error', summary: 'two modules share a key' },
  'ROUTE-DUPLICATE': { severity: 'error', summary: 'two routes have the same path and operation' },
  'SCOPE-UNDECLARED': { severity: 'error', summary: 'a route scope is missing from custom-scopes.yaml (deploy fails with CUSTOM_SCOPES_NOT_AVAILABLE)' },
  'SCOPES-TOO-MANY': { severity: 'error', summary: 'the app uses more than 20 custom scopes' },
  'EGRESS-MALFORMED': { severity: 'error', summary: 'an egress entry is not a valid domain or URL' },
  'CONFORMANCE-FILE': { severity: 'error', summary: 'conformance.yaml or conformance.waivers.yaml is not what the conformance run can read' },
  'EGRESS-ANY-HOST': { severity: 'warning', summary: "backend egress allows any host ('*'): no Runs on Atlassian, and the broadest review" },
  'EGRESS-PORT-WITHOUT-SCHEME': { severity: 'warning', summary: 'an egress entry with a port but no scheme, which the egress matcher never matches' },
  'SCOPE-UNUSED': { severity: 'warning', summary: 'a declared scope guards no route' },
  'ROUTE-WRITE-READ-SCOPES': { severity: 'warning', summary: 'a POST/PUT/PATCH/DELETE route is guarded only by read: scopes' },
  'SCOPE-NAMING': { severity: 'warning', summary: 'a scope name is not verb:noun, or is a catch-all' },
  'ROUTE-ACCEPT-MISSING': { severity: 'warning', summary: 'a route does not declare accept' },
  'CONFORMANCE-UNKNOWN-ROUTE': { severity: 'warning', summary: 'a conformance.yaml example or a waiver names a route the manifest does not have' },
  'EGRESS-PATH-IGNORED': { severity: 'info', summary: 'an egress entry has a path, which backend egress ignores' },
  'APIROUTE-NONE': { severity: 'info', summary: 'the app exposes no apiRoute' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type FindingId = keyof typeof FINDINGS;

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** Relative to the app directory, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** What to change to make the finding go away. */
  hint: string;
}

export interface FindingInput {
  file: string;
  at?: SourcePosition;
  message: string;
  hint: string;
}

export function finding(id: FindingId, { file, at, message, hint }: FindingInput): Finding {
  return { id, severity: FINDINGS[id].severity, file, ...(at && { line: at.line, column: at.column }), message, hint };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then by file and position, so output is stable across runs. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.id.localeCompare(b.id),
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<'errors' | 'warnings' | 'infos', number> {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}
