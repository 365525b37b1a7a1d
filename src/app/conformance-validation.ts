/**
 * A conformance file checked against its schema (conformance-schema.ts) with ajv: every problem,
 * in the order of the file, each with the path it is at and what to do. An unknown field names the
 * nearest known one, so a misspelled assertion is an error rather than a check that silently
 * asserts less ("did you mean `bodyEquals`?").
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { DataPath } from './yaml-file';

// The one-step form's `if`/`then` name fields their own subschemas do not define, which strictRequired would refuse.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
// `must` is ours: what a wrong value must be instead, which ends the error message.
ajv.addVocabulary(['must']);

export interface SchemaProblem {
  path: DataPath;
  /** The problem is the key itself (an unknown field), not its value. */
  atKey: boolean;
  /** `scenarios.0.expect.bodyEqual is not a field …`, without a final full stop. */
  detail: string;
}

const compiled = new Map<object, ReturnType<Ajv['compile']>>();

/** The problems `schema` finds in `data`, one per place, in the order ajv walks the document. */
export function schemaProblems(schema: object, data: unknown): SchemaProblem[] {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (validate(data)) return [];
  const seen = new Set<string>();
  return (
    (validate.errors ?? [])
      // `if` only repeats its branch's error, and `propertyNames` the error of the name inside it.
      .filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames')
      .map(problemOf)
      .filter((p) => {
        const id = p.path.join('\0');
        // One problem a place: a value that is wrong several ways is reported once.
        return !seen.has(id) && seen.add(id);
      })
  );
}

const pathOf = (error: ErrorObject): DataPath =>
  error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const dotted = (path: DataPath, file = 'the file') => (path.length ? path.join('.') : file);

function problemOf(error: ErrorObject): SchemaProblem {
  const path = pathOf(error);
  const parent = (error.parentSchema ?? {}) as { must?: string; properties?: Record<string, unknown> };
  const params = error.params as Record<string, string>;
  if (error.keyword === 'additionalProperties') {
    const field = params.additionalProperty!;
    const known = Object.keys(parent.properties ?? {});
    const nearest = nearestOf(field, known);
    const where = path.length ? `of ${dotted(path)}` : 'of the file';
    return {
      path: [...path, field],
      atKey: true,
      detail: `${dotted([...path, field])} is not a field ${where}: ${nearest ? `did you mean \`${nearest}\`?` : `the fields are ${known.join(', ')}`}`,
    };
  }
  // A key refused by `propertyNames`: said at the key, with what the names there must be.
  if (error.propertyName !== undefined)
    return {
      path: [...path, error.propertyName],
      atKey: true,
      detail: `${dotted([...path, error.propertyName])} ${parent.must ?? 'is not a name allowed here'}`,
    };
  return { path, atKey: false, detail: `${dotted(path)} ${parent.must ?? error.message ?? 'is not valid'}` };
}

/** The known field a misspelling most likely meant: a few edits away, or the same but for an end. */
export function nearestOf(field: string, known: readonly string[]): string | undefined {
  const lower = field.toLowerCase();
  const scored = known
    .map((name) => ({ name, distance: editDistance(lower, name.toLowerCase()) }))
    .filter(
      ({ name, distance }) =>
        distance <= Math.max(2, Math.floor(name.length / 3)) || name.toLowerCase().startsWith(lower) || lower.startsWith(name.toLowerCase()),
    )
    .sort((a, b) => a.distance - b.distance);
  return scored[0]?.name;
}

/** Levenshtein's distance: the insertions, deletions and substitutions that turn a into b. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
