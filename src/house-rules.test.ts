/**
 * The repository's own rules. Every citation resolves inside it: `facts.md §N` names a section that
 * exists, a `docs/…` path names a page that exists, each check's clause is a section of
 * docs/facts.md, and nothing points at files outside the repository. The layout in
 * docs/contributing.md is the tree's, and every test that needs Chromium or Docker skips without it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { HARNESS_ROOT } from './common/harness-root';
import { CHECKS } from './conformance/catalogue';

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: HARNESS_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(ts|js|cjs|mjs|md|ya?ml|json)$/.test(file) && !file.startsWith('fixtures/apps/') && existsSync(join(HARNESS_ROOT, file)));
const textOf = (file: string) => readFileSync(join(HARNESS_ROOT, file), 'utf8');

/** A heading's anchor, as GitHub makes it. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s/g, '-');
const anchorsOf = (page: string) =>
  textOf(page)
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) => slug(line.replace(/^#+ /, '')));

/** The `## §N` sections of a page of docs/. */
const sectionsOf = (page: string): Set<string> => new Set([...textOf(`docs/${page}`).matchAll(/^## (§\d+)\b/gm)].map((m) => m[1]!));

test('the files to read are found', () => {
  expect(tracked.length).toBeGreaterThan(200);
  expect(sectionsOf('facts.md')).toEqual(new Set(['§1', '§2', '§3', '§4', '§5', '§6', '§7', '§8', '§9', '§10', '§11', '§12', '§13']));
});

test('every `page.md §N` citation names a page of docs/ and a section it has', () => {
  const broken: string[] = [];
  let seen = 0;
  for (const file of tracked) {
    for (const [citation, page, sections] of textOf(file).matchAll(/\b([\w-]+\.md)((?:,? §\d+)+)/g)) {
      seen++;
      if (!existsSync(join(HARNESS_ROOT, 'docs', page!))) broken.push(`${file}: ${citation} (no docs/${page})`);
      else for (const [section] of sections!.matchAll(/§\d+/g)) if (!sectionsOf(page!).has(section)) broken.push(`${file}: ${citation} (no ${section})`);
    }
  }
  expect(seen).toBeGreaterThan(30);
  expect(broken).toEqual([]);
});

test('every path into docs/ names a page that exists, and a heading it has when it names one', () => {
  const broken = tracked.flatMap((file) =>
    [...textOf(file).matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w-]+))?/g)]
      .filter(([, page, anchor]) => !existsSync(join(HARNESS_ROOT, 'docs', page!)) || (anchor !== undefined && !anchorsOf(`docs/${page}`).includes(anchor)))
      .map(([m]) => `${file}: ${m}`),
  );
  expect(broken).toEqual([]);
});

test("every check's clause is a section of docs/facts.md", () => {
  const facts = sectionsOf('facts.md');
  const clauses = Object.entries(CHECKS).flatMap(([id, check]) => [...check.clause.matchAll(/§\d+/g)].map(([section]) => [id, section!] as const));
  expect(clauses.length).toBeGreaterThan(10);
  expect(clauses.filter(([, section]) => !facts.has(section))).toEqual([]);
});

test('nothing cites a file outside the repository', () => {
  const outside = tracked.filter(
    (file) => file !== 'src/house-rules.test.ts' && /shared\/design|\.\.\/shared\b|\b(auth|environment|architecture|services)\.md\b/.test(textOf(file)),
  );
  expect(outside).toEqual([]);
});

test("docs/contributing.md's layout names every folder of src/ and src/platform/, and no folder that is gone", () => {
  const layout = /## Layout\n\n```\n([\s\S]*?)```/.exec(textOf('docs/contributing.md'))![1]!;
  const folders = (dir: string) =>
    readdirSync(join(HARNESS_ROOT, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  const named = new Set([...layout.matchAll(/(?:^|\s)(?:src\/)?([a-z-]+)\//gm)].map((m) => m[1]!));
  expect(folders('src').filter((folder) => !named.has(folder))).toEqual([]);
  expect(folders('src/platform').filter((folder) => !named.has(folder))).toEqual([]);
  expect([...layout.matchAll(/^src\/([a-z-]+)\//gm)].map((m) => m[1]!).filter((folder) => !existsSync(join(HARNESS_ROOT, 'src', folder)))).toEqual([]);
});

test('every browser and containers test file skips, with the reason the start of the run prints, on a machine without Chromium or Docker', () => {
  const needing = tracked.filter((file) => /\.(browser|containers)\.test\.ts$/.test(file));
  expect(needing.length).toBeGreaterThan(5);
  const unguarded = needing.filter(
    (file) => !new RegExp(`test\\.skip\\(${file.includes('.browser.') ? 'withoutBrowser' : 'withoutDocker'}\\b`).test(textOf(file)),
  );
  expect(unguarded).toEqual([]);
});

test('every link between the README and the docs points at a file and a heading that exist', () => {
  const pages = ['README.md', ...readdirSync(join(HARNESS_ROOT, 'docs')).map((f) => `docs/${f}`)];
  for (const page of pages) {
    const text = readFileSync(join(HARNESS_ROOT, page), 'utf8');
    for (const [, target, anchor] of text.matchAll(/\]\(((?:docs\/)?[\w-]+\.md)?(?:#([\w-]+))?\)/g)) {
      const file = target ? join(dirname(join(HARNESS_ROOT, page)), target) : join(HARNESS_ROOT, page);
      expect(existsSync(file), `${page} links to ${target}`).toBe(true);
      if (anchor) expect(anchorsOf(relative(HARNESS_ROOT, file)), `${page} links to ${target ?? ''}#${anchor}`).toContain(anchor);
    }
  }
});
