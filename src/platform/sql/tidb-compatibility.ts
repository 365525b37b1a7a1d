/**
 * What MariaDB runs and Forge SQL's engine, TiDB, does not (facts.md §13): refused here as Forge
 * would refuse it, so an app that passes here does not meet the statement first in production.
 * From TiDB's list of unsupported MySQL features, and MariaDB's own extensions to MySQL, which
 * TiDB does not parse. Each rule reads words only (never literals or quoted names), so a word in a
 * string trips none.
 */
import type { Statement } from './statement';

/** A rule that reads the statement only (statement-rules.ts runs these after its own). */
type TiDbRule = (statement: Statement) => string | undefined;

const onTiDb = (what: string) => `${what}: Forge SQL runs on TiDB, which does not support it`;

/** The words after CREATE (and OR REPLACE, DEFINER = …, TEMPORARY …) up to the object's kind. */
const createdKind = (words: string[]) => (words[0] === 'CREATE' ? words.slice(1, 8).find((w) => OBJECT_KINDS.has(w)) : undefined);
const OBJECT_KINDS = new Set(['TABLE', 'INDEX', 'VIEW', 'PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT', 'TABLESPACE', 'SEQUENCE', 'SERVER', 'ROLE', 'USER']);

const noRoutinesTriggersEvents: TiDbRule = ({ words }) => {
  const kind = createdKind(words);
  return kind === 'PROCEDURE' || kind === 'FUNCTION' || kind === 'TRIGGER' || kind === 'EVENT' || kind === 'TABLESPACE' ? onTiDb(`CREATE ${kind}`) : undefined;
};

const noCreateTableAsSelect: TiDbRule = ({ words }) =>
  createdKind(words) === 'TABLE' && words.includes('SELECT') ? onTiDb('CREATE TABLE … SELECT') : undefined;

const noFullText: TiDbRule = ({ words }) =>
  words.includes('FULLTEXT') || (words.includes('MATCH') && words.includes('AGAINST')) ? onTiDb('FULLTEXT indexes and MATCH … AGAINST') : undefined;

const SPATIAL_WORDS = new Set(['SPATIAL', 'GEOMETRY', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION']);
/** The spatial functions' names (ST_GeomFromText, ST_Distance, …), not any name that starts with st_. */
const SPATIAL_FUNCTION =
  /^ST_(GEOM|POINT|LINE|POLY|MULTI|AS(TEXT|WKT|WKB|BINARY|GEOJSON)|DISTANCE|CONTAINS|WITHIN|INTERSECT|BUFFER|AREA|SRID|ENVELOPE|CENTROID|EQUALS|TOUCHES|OVERLAPS|CROSSES|DISJOINT|UNION|DIFFERENCE|SYMDIFFERENCE|ISVALID|ISEMPTY|NUMPOINTS|STARTPOINT|ENDPOINT|EXTERIORRING|INTERIORRING|CONVEXHULL|RELATE|SIMPLIFY|X$|Y$)/;
const noSpatial: TiDbRule = ({ words }) => {
  const found = words.find((w) => SPATIAL_WORDS.has(w) || SPATIAL_FUNCTION.test(w));
  return found ? onTiDb(`${found} (spatial types, functions and indexes)`) : undefined;
};

const CHARACTER_SETS = new Set(['ASCII', 'LATIN1', 'BINARY', 'UTF8', 'UTF8MB3', 'UTF8MB4', 'GBK', 'DEFAULT']);
const knownCharacterSets: TiDbRule = ({ words }) => {
  const named = words.flatMap((w, i) => (w === 'CHARSET' || (w === 'SET' && words[i - 1] === 'CHARACTER') ? [words[i + 1]] : []));
  const other = named.find((name) => name !== undefined && !CHARACTER_SETS.has(name));
  return other ? onTiDb(`the character set ${other.toLowerCase()} (ascii, latin1, binary, utf8, utf8mb4 and gbk only)`) : undefined;
};

/** MariaDB's own syntax, which no MySQL-compatible engine parses. */
const noMariaDbExtensions: TiDbRule = ({ words, kind }) =>
  kind === 'dml' && words.includes('RETURNING')
    ? onTiDb(`${words[0]} … RETURNING (MariaDB's own)`)
    : words.some((w, i) => (w === 'SYSTEM' && words[i + 1] === 'VERSIONING') || w === 'SYSTEM_TIME')
      ? onTiDb("system-versioned tables (MariaDB's own)")
      : words.some((w, i) => w === 'ROWS' && words[i + 1] === 'EXAMINED')
        ? onTiDb("LIMIT ROWS EXAMINED (MariaDB's own)")
        : undefined;

export const TIDB_RULES: readonly TiDbRule[] = [
  noRoutinesTriggersEvents,
  noCreateTableAsSelect,
  noFullText,
  noSpatial,
  knownCharacterSets,
  noMariaDbExtensions,
];
