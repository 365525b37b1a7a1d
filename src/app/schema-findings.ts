/** Schema errors (ajv) turned into findings at the line and column they came from. */
import type { ErrorObject } from 'ajv';
import { finding, type Finding, type FindingId } from './findings';
import type { DataPath, YamlFile } from './yaml-file';

/** `['modules', 'apiRoute', 0, 'path']` → `modules.apiRoute[0].path`, as people write it. */
export function formatDataPath(path: DataPath): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' || /^\d+$/.test(segment) ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}

const HINTS: [RegExp, string][] = [
  [
    /^modules\.apiRoute\[\d+\]\.path$/,
    'Use segments of letters and digits, `*` for exactly one segment and a final `/**` for the rest, e.g. /employees/*; `{id}` placeholders, hyphens, dots and trailing slashes are not allowed.',
  ],
  [/^modules\.apiRoute\[\d+\]\.operation$/, 'apiRoute routes GET, POST, PUT, DELETE and PATCH; HEAD and OPTIONS cannot be declared.'],
  [/^modules\.apiRoute\[\d+\]\.method$/, 'The docs table says `method`, but Forge reads `operation`: rename the property.'],
  [/^modules\.apiRoute\[\d+\]\.scopes/, 'Route scopes are 1–20 unique custom scope names ending in `:custom`, e.g. read:employee:custom.'],
  [/^modules\.apiRoute\[\d+\]\.accept/, 'The only accepted content type is application/json.'],
  [/\.key$|\.function$/, 'Keys use letters, digits, `-` and `_`; a function reference names a modules.function key.'],
  [
    /^scopes\.[^.]+\.displayName$/,
    'Use 1–100 characters of letters, digits, spaces, `:`, `_`, `-` and `.`: the Forge CLI rejects apostrophes, parentheses and other punctuation.',
  ],
  [/^scopes\.[^.]+\.description$/, 'Use 1–2048 characters without leading or trailing whitespace.'],
  [/^scopes(\.|$)/, 'custom-scopes.yaml holds `version: 1` and a `scopes:` map of 1–20 names ending in `:custom`, each with displayName and description.'],
  [/^version$/, 'Set `version: 1`.'],
];

export function hintFor(dottedPath: string, fallback: string): string {
  return HINTS.find(([pattern]) => pattern.test(dottedPath))?.[1] ?? fallback;
}

interface Problem {
  path: DataPath;
  atKey: boolean;
  message: string;
}

/**
 * Turns ajv's errors into one problem per real mistake: a failed `oneOf`/`anyOf` swallows the
 * errors of its branches (they explain the same mistake several contradictory ways), and `if`
 * errors only repeat their `then` branch.
 */
function problems(errors: readonly ErrorObject[]): Problem[] {
  const alternatives = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const insideAlternative = (e: ErrorObject) =>
    alternatives.some((alt) => alt !== e && e.schemaPath.startsWith(`${alt.schemaPath}/`) && e.instancePath.startsWith(alt.instancePath));
  const seen = new Set<string>();
  return errors
    .filter((e) => e.keyword !== 'if' && !insideAlternative(e))
    .map((e) => describe(e))
    .filter((p) => {
      const id = `${p.path.join('/')}\0${p.message}`;
      return !seen.has(id) && seen.add(id);
    });
}

function describe(error: ErrorObject): Problem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const value = typeof error.data === 'string' ? ` "${error.data}"` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, atKey: false, message: `is missing the required property "${params.missingProperty}"` };
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], atKey: true, message: 'is not an allowed property here' };
    case 'enum':
      return { path, atKey: false, message: `${value} is not one of: ${(params.allowedValues as unknown[]).join(', ')}`.trim() };
    case 'pattern':
      return { path, atKey: false, message: `${value} does not match ${params.pattern}`.trim() };
    case 'oneOf':
    case 'anyOf':
      return { path, atKey: false, message: 'is not in any of the allowed forms' };
    case 'not':
      return { path, atKey: false, message: 'uses a property that is not allowed here' };
    default:
      return { path, atKey: false, message: `${value} ${error.message ?? 'is invalid'}`.trim() };
  }
}

export function schemaFindings(
  id: FindingId,
  file: YamlFile,
  errors: readonly ErrorObject[] | null | undefined,
  fallbackHint: string,
  // The file is the place to look when the error is about the whole document.
  rootName = file.relativePath,
): Finding[] {
  return problems(errors ?? []).map(({ path, atKey, message }) => {
    const where = formatDataPath(path) || rootName;
    return finding(id, {
      file: file.relativePath,
      at: file.positionOf(path, { key: atKey }),
      message: `${where} ${message}`,
      hint: hintFor(formatDataPath(path), fallbackHint),
    });
  });
}
