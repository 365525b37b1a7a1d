/**
 * What a Forge SQL query is, read the way the engine will read it: its words outside string
 * literals, quoted names and comments, and how many statements it holds. The engine itself
 * parses the statement; this reading only tells the platform's rules (statement-rules.ts) what
 * kind of statement it is and what it asks for, so a word inside a string never trips a rule and
 * a statement hidden in a comment the engine executes (`/*! … *\/`) never slips past one.
 */

/** What a statement does, by its first word: which time limit holds, and which endpoint may run it. */
export type StatementKind = 'read' | 'dml' | 'ddl' | 'other';

export interface Statement {
  /** Upper-cased words of the statement (keywords and unquoted names), in order, the first statement only. */
  words: string[];
  kind: StatementKind;
  /** How many statements the query holds (a trailing `;` starts none). */
  statements: number;
  /** `?` placeholders outside literals: how many parameters the statement takes. */
  placeholders: number;
}

const KINDS: Record<string, StatementKind> = {
  SELECT: 'read',
  WITH: 'read',
  SHOW: 'read',
  DESCRIBE: 'read',
  DESC: 'read',
  EXPLAIN: 'read',
  VALUES: 'read',
  TABLE: 'read',
  INSERT: 'dml',
  UPDATE: 'dml',
  DELETE: 'dml',
  REPLACE: 'dml',
  CREATE: 'ddl',
  ALTER: 'ddl',
  DROP: 'ddl',
  TRUNCATE: 'ddl',
  RENAME: 'ddl',
};

/** Reads a query; never throws: what it cannot make sense of is the engine's to refuse. */
export function readStatement(query: string): Statement {
  const words: string[] = [];
  let statements = 0;
  let placeholders = 0;
  let inStatement = false;
  const begin = () => {
    if (!inStatement) statements += 1;
    inStatement = true;
  };
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    const next = query[i + 1];
    if (/\s/.test(c)) i += 1;
    else if (c === '#' || (c === '-' && next === '-' && /[\s]|^$/.test(query[i + 2] ?? ''))) {
      const end = query.indexOf('\n', i);
      i = end === -1 ? query.length : end + 1;
    } else if (c === '/' && next === '*') {
      // `/*! … */` and `/*M! … */` are executed by MariaDB: their insides are read as code.
      const executable = /^\/\*M?!\d*/.exec(query.slice(i));
      if (executable) i += executable[0].length;
      else {
        const end = query.indexOf('*/', i + 2);
        i = end === -1 ? query.length : end + 2;
      }
    } else if (c === '*' && next === '/') i += 2;
    else if (c === "'" || c === '"' || c === '`') {
      begin();
      i = endOfQuoted(query, i, c);
    } else if (c === ';') {
      inStatement = false;
      i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      begin();
      const word = /^[A-Za-z0-9_$]+/.exec(query.slice(i))![0];
      if (statements === 1) words.push(word.toUpperCase());
      i += word.length;
    } else {
      begin();
      if (c === '?') placeholders += 1;
      i += 1;
    }
  }
  return { words, kind: KINDS[words[0] ?? ''] ?? 'other', statements, placeholders };
}

/** The index after a quoted literal or name: a doubled quote stays inside, and a backslash escapes in strings. */
function endOfQuoted(query: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < query.length) {
    const c = query[i];
    if (c === '\\' && quote !== '`') i += 2;
    else if (c === quote && query[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return query.length;
}
