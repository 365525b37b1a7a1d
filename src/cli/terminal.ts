import { isAbsolute, relative } from 'node:path';
import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/**
 * Where commands write. Colour and progress only when the stream is a terminal (and NO_COLOR is
 * unset); plain text otherwise, so logs and pipes get exactly the words.
 */
export class Terminal {
  private progressShown = false;

  constructor(
    readonly out: NodeJS.WriteStream = process.stdout,
    readonly err: NodeJS.WriteStream = process.stderr,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private colours(stream: NodeJS.WriteStream): boolean {
    return Boolean(stream.isTTY) && !this.env.NO_COLOR && this.env.TERM !== 'dumb';
  }

  style(style: Style, text: string, stream: NodeJS.WriteStream = this.out): string {
    return this.colours(stream) ? styleText(style, text, { validateStream: false }) : text;
  }

  print(text = ''): void {
    this.clearProgress();
    this.out.write(`${text}\n`);
  }

  error(text: string): void {
    this.clearProgress();
    this.err.write(`${text}\n`);
  }

  /** A transient status line on an interactive stderr; nothing otherwise. */
  progress(text: string): void {
    if (!this.err.isTTY) return;
    this.err.write(`\r\x1b[K${this.style('dim', text, this.err)}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.err.write('\r\x1b[K');
    this.progressShown = false;
  }
}

/** A path as a person wants to read it: relative below the working directory, absolute elsewhere. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
