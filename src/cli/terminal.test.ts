import { Writable } from 'node:stream';
import { expect, test } from '@playwright/test';
import { Terminal } from './terminal';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  const writable = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  writable.isTTY = isTTY;
  return { writable, text: () => chunks.join('') };
}

test('colour and progress on a terminal', () => {
  const out = stream(true);
  const err = stream(true);
  const terminal = new Terminal(out.writable, err.writable, {});
  terminal.progress('Linting …');
  terminal.print(terminal.style('red', 'error'));
  expect(out.text()).toBe('\x1b[31merror\x1b[39m\n');
  expect(err.text()).toContain('Linting …');
  expect(err.text().endsWith('\r\x1b[K'), 'the progress line is cleared before output').toBe(true);
});

test('plain text when not a terminal, or with NO_COLOR', () => {
  for (const [tty, env] of [
    [false, {}],
    [true, { NO_COLOR: '1' }],
  ] as const) {
    const out = stream(tty);
    const err = stream(false);
    const terminal = new Terminal(out.writable, err.writable, env);
    terminal.progress('Linting …');
    terminal.print(terminal.style('red', 'error'));
    expect(out.text()).toBe('error\n');
    expect(err.text()).toBe('');
  }
});
