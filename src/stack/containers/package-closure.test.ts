import { expect, test } from '@playwright/test';
import { packageClosure } from './package-closure';
import { HARNESS_ROOT } from '../../common/harness-root';

test('a closure holds the packages, their dependencies and the optional ones installed here, each once', () => {
  const closure = packageClosure(['tsx', '@forge/api'], HARNESS_ROOT);
  const names = closure.map((p) => p.name);
  expect(names).toEqual(expect.arrayContaining(['tsx', 'esbuild', '@forge/api', '@forge/egress', '@forge/manifest']));
  // esbuild's binary for this platform is an optional dependency; the other platforms' are not installed.
  expect(names).toContain(`@esbuild/${process.platform}-${process.arch}`);
  expect(new Set(closure.map((p) => p.dir)).size).toBe(closure.length);
  expect(names).not.toContain('oidc-provider');
});

test('a package that is not installed is named, with what to run', () => {
  expect(() => packageClosure(['no-such-package-here'], HARNESS_ROOT)).toThrow(/no-such-package-here is not installed .*: run npm ci/);
});
