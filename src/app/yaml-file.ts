/** A YAML file with the positions of its values, so findings can point at lines. */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

/** 1-based line and column, as editors and `file:line:col` links count them. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface YamlSyntaxError extends SourcePosition {
  message: string;
}

/** A path into parsed YAML data: map keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/**
 * A parsed YAML file that remembers where every value came from, so that a finding about
 * `modules.apiRoute[2].path` can point at the line the partner has to edit.
 */
export class YamlFile {
  private constructor(
    /** Path relative to the app directory, as findings print it. */
    readonly relativePath: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    readonly syntaxErrors: readonly YamlSyntaxError[],
    /** Plain data, or undefined when the file had syntax errors. */
    readonly data: unknown,
  ) {}

  static parse(relativePath: string, text: string): YamlFile {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const syntaxErrors = document.errors.map((error) => {
      const [start] = error.linePos ?? [lines.linePos(error.pos[0])];
      return {
        message: firstSentence(error.message),
        line: start?.line ?? 1,
        column: start?.col ?? 1,
      };
    });
    let data: unknown;
    if (syntaxErrors.length === 0) {
      try {
        data = document.toJS();
      } catch (error) {
        // An alias bomb ("billion laughs") stops here instead of filling memory.
        syntaxErrors.push({ message: (error as Error).message, line: 1, column: 1 });
      }
    }
    return new YamlFile(relativePath, document, lines, syntaxErrors, data);
  }

  /**
   * Where the value at `path` starts (or, with `key`, where its map key starts). Falls back to
   * the nearest ancestor that exists, so a missing property points at the object that lacks it.
   */
  positionOf(path: DataPath, { key = false } = {}): SourcePosition {
    let node: unknown = this.document.contents;
    let position = this.start(node) ?? { line: 1, column: 1 };
    for (const [index, segment] of path.entries()) {
      const isLast = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return position;
        const keyStart = this.start(pair.key);
        if (isLast && key && keyStart) return keyStart;
        node = pair.value;
        position = this.start(node) ?? keyStart ?? position;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return position;
        node = item;
        position = this.start(node) ?? position;
      } else {
        return position;
      }
    }
    return position;
  }

  private start(node: unknown): SourcePosition | undefined {
    const range = (node as Node | undefined)?.range;
    if (!range) return undefined;
    const { line, col } = this.lines.linePos(range[0]);
    return { line, column: col };
  }
}

function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
