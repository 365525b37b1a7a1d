import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { appVariant, MINIMAL_APP } from '../../fixtures/apps';
import { withoutRunnerState } from '../run/runner-environment';
import { HARNESS_ROOT } from '../common/harness-root';

/** Saves a file the way editors do: a new file written beside it, then renamed over it. */
function saveAsEditorsDo(file: string, text: string): void {
  writeFileSync(`${file}.saving`, text);
  renameSync(`${file}.saving`, file);
}

/** `run --watch` on an app, and a reader of its cycles (each cycle's lines up to its ↻ line). */
function watch(app: string) {
  const cli = spawn(process.execPath, [join(HARNESS_ROOT, 'bin/forge-conformance.js'), 'run', app, '--watch', '--workers', '1'], {
    cwd: HARNESS_ROOT,
    env: { ...withoutRunnerState({ ...process.env }), NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  createInterface({ input: cli.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiting.filter((w) => w.pattern.test(line))) (waiting.splice(waiting.indexOf(w), 1), w.resolve(line));
  });
  let stderr = '';
  cli.stderr!.on('data', (chunk) => (stderr += chunk));
  return {
    nextCycle: async () => {
      const from = lines.length;
      await new Promise<string>((resolve) => waiting.push({ pattern: /^↻ /, resolve }));
      return lines.slice(from);
    },
    /** Stops the loop; its exit code and what it wrote to stderr. */
    stop: async () => {
      cli.kill('SIGINT');
      const [code] = await once(cli, 'exit');
      return { code, stderr };
    },
  };
}

test('run --watch re-runs the checks an edit can change, prints what changed, and restarts on a manifest edit', async ({}, testInfo) => {
  test.setTimeout(120_000);
  const app = appVariant(MINIMAL_APP, testInfo.outputPath('app'), {});
  const handler = join(app, 'src/index.ts');
  const working = readFileSync(handler, 'utf8');
  const { nextCycle, stop } = watch(app);
  try {
    const started = await nextCycle();
    expect(started.at(-1)).toMatch(/^↻ start: all 14 checks ran in [\d.]+ s, 0 outcomes to report; now 14 pass\. Watching/);

    // A handler that throws: its route's checks re-run on the running platform, and the changes are printed.
    saveAsEditorsDo(handler, `export const getGreeting = async () => {\n  throw new Error('broken on purpose');\n};\n`);
    const broken = await nextCycle();
    expect(broken.at(-1)).toMatch(
      /^↻ src\/index\.ts changed: 14 checks of get-greeting and the app-wide ones re-ran in [\d.]+ s, \d+ outcomes to report; now .*\d+ fail/,
    );
    expect(broken).toContainEqual(expect.stringMatching(/^✖ APIROUTE-CONSENT-01 GET \/greetings\/\*: pass → fail: /));
    // What did not change is not printed.
    expect(broken.join('\n')).not.toMatch(/APIROUTE-AUTH-01/);

    saveAsEditorsDo(handler, working);
    const fixed = await nextCycle();
    expect(fixed).toContainEqual(expect.stringMatching(/^✔ APIROUTE-CONSENT-01 GET \/greetings\/\*: fail → pass$/));
    expect(fixed.at(-1)).toMatch(/now 14 pass\./);

    // The manifest changes routes and scopes: the platform restarts around the app as it now is.
    const manifest = join(app, 'manifest.yml');
    saveAsEditorsDo(manifest, readFileSync(manifest, 'utf8').replace('operation: GET', 'operation: GET\n      # edited'));
    const restarted = await nextCycle();
    expect(restarted.at(-1)).toMatch(/^↻ manifest\.yml changed: all 14 checks ran/);

    // A broken manifest is a lint error at its line, and the loop waits for the fix.
    const good = readFileSync(manifest, 'utf8');
    saveAsEditorsDo(manifest, `${good}\nmodules: [unclosed\n`);
    const refused = await nextCycle();
    expect(refused.at(-2)).toMatch(/^✖ MANIFEST-YAML-SYNTAX manifest\.yml: .*\(line \d+, column \d+\)$/);
    expect(refused.at(-1)).toMatch(/^↻ manifest\.yml changed: lint errors \(the app would not deploy\); the checks run again once they are fixed\./);
    saveAsEditorsDo(manifest, good);
    expect((await nextCycle()).at(-1)).toMatch(/^↻ manifest\.yml changed: all 14 checks ran .* now 14 pass\./);
  } finally {
    const { code, stderr } = await stop();
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
    // Every re-run went to a warm worker, the one that failed a check included (its spare took the rest).
    expect(stderr).not.toMatch(/as a whole Playwright run instead/);
  }
});

test("an edit re-runs only its own route's checks and the app-wide ones: the other route's are not run again", async ({}, testInfo) => {
  test.setTimeout(120_000);
  // The minimal app with a second route, served by a handler file of its own.
  const app = appVariant(MINIMAL_APP, testInfo.outputPath('app'), {
    'src/farewell.ts': `export const getFarewell = async () => ({ statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: '{"farewell":"bye"}' });\n`,
    'manifest.yml': (text) =>
      text
        .replace(
          '  function:\n',
          '    - key: get-farewell\n      path: /farewells/*\n      operation: GET\n      function: farewell\n      accept:\n        - application/json\n      scopes:\n        - read:greeting:custom\n  function:\n',
        )
        .concat('    - key: farewell\n      handler: farewell.getFarewell\n'),
  });
  const { nextCycle, stop } = watch(app);
  try {
    const all = Number(/all (\d+) checks ran/.exec((await nextCycle()).at(-1)!)![1]);
    saveAsEditorsDo(join(app, 'src/farewell.ts'), `export const getFarewell = async () => {\n  throw new Error('broken on purpose');\n};\n`);
    const edited = await nextCycle();
    const [, rerun, routes] = /changed: (\d+) checks of (.*) and the app-wide ones re-ran/.exec(edited.at(-1)!)!;
    expect(routes).toBe('get-farewell');
    // Fewer than the whole run: the greeting route's own checks were not run again.
    expect(Number(rerun)).toBeGreaterThan(0);
    expect(Number(rerun)).toBeLessThan(all);
    // What changed is the farewell route's, and nothing of the greeting route's is reported.
    expect(edited).toContainEqual(expect.stringMatching(/^✖ APIROUTE-CONSENT-01 GET \/farewells\/\*: pass → fail: /));
    expect(edited.join('\n')).not.toMatch(/\/greetings\//);
  } finally {
    const { code, stderr } = await stop();
    expect(code, stderr).toBe(0);
  }
});
