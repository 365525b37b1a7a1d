/**
 * The layers of .dependency-cruiser.cjs hold over the whole tree, and the rules can fail: a tree
 * with one backward import and one cycle breaks exactly those rules.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from './common/harness-root';

const DEPCRUISE = join(HARNESS_ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/** The rules each module breaks, as `rule: from → to`. */
function violations(cwd: string, ...roots: string[]): string[] {
  const result = spawnSync(
    process.execPath,
    [
      DEPCRUISE,
      ...roots,
      '--config',
      join(HARNESS_ROOT, '.dependency-cruiser.cjs'),
      '--ts-config',
      join(HARNESS_ROOT, 'tsconfig.json'),
      '--output-type',
      'json',
    ],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
  expect(result.stdout, result.stderr).not.toBe('');
  const report = JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[]; totalCruised: number } };
  expect(report.summary.totalCruised, 'the cruise read the tree').toBeGreaterThan(roots.length);
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

test('the tree keeps its layers and has no import cycle', () => {
  expect(violations(HARNESS_ROOT, 'src', 'suites', 'fixtures', 'contracts', 'bench', 'scripts')).toEqual([]);
});

test('a backward import and a cycle are each caught by their rule', () => {
  const tree = test.info().outputPath('tree');
  const write = (file: string, text: string) => {
    mkdirSync(join(tree, file, '..'), { recursive: true });
    writeFileSync(join(tree, file), text);
  };
  write('src/app/model.ts', "import { command } from '../cli/command';\nexport const model = command;\n");
  write('src/cli/command.ts', "export const command = 'run';\n");
  write('src/platform/a.ts', "import { b } from './b';\nexport const a = () => b;\n");
  write('src/platform/b.ts', "import { a } from './a';\nexport const b = () => a;\n");
  const found = violations(tree, 'src');
  expect(found).toContain('app-imports-no-layer-above: src/app/model.ts → src/cli/command.ts');
  expect(found.filter((v) => v.startsWith('no-circular:'))).toEqual([
    expect.stringMatching(/^no-circular: src\/platform\/[ab]\.ts → src\/platform\/[ab]\.ts$/),
  ]);
});
