import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { loadNightlyConfig } from './nightly-config';

const EXAMPLES = join(import.meta.dirname, '../../examples/ci');
const read = (name: string) => parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Record<string, unknown>;
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; if?: string };
type Job = { 'runs-on': string; steps: Step[]; needs?: string; strategy?: { matrix: Record<string, unknown[]> } };

test('the GitHub Actions example has the keys GitHub documents, keeps the history whatever the outcome, and fans out and merges shards', () => {
  const workflow = read('github-actions-nightly.yml') as { on: Record<string, unknown>; jobs: Record<string, Job> };
  expect(Object.keys(workflow.on)).toEqual(['schedule', 'workflow_dispatch']);
  for (const [name, job] of Object.entries(workflow.jobs)) {
    expect(job['runs-on'], name).toBe('ubuntu-latest');
    for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run), `${name}: a step either uses an action or runs a command`).toBe(true);
  }
  const nightly = workflow.jobs.nightly!.steps;
  const at = (pattern: RegExp) => nightly.findIndex((s) => pattern.test(s.uses ?? s.run ?? ''));
  expect(at(/^actions\/cache\/restore@/)).toBeLessThan(at(/forge-conformance nightly --config examples\/ci\/nightly\.yaml$/));
  expect(nightly[at(/^actions\/cache\/save@/)]!.if).toBe('always()');
  expect(nightly[at(/^actions\/upload-artifact@/)]!.with!.path).toBe('reports/nightly');
  expect(workflow.jobs.shard!.strategy!.matrix.shard).toEqual([1, 2]);
  expect(workflow.jobs.shard!.steps.map((s) => s.run ?? '')).toContainEqual(expect.stringContaining('--shard ${{ matrix.shard }}/2'));
  expect(workflow.jobs.merge!.needs).toBe('shard');
  expect(workflow.jobs.merge!.steps.map((s) => s.run ?? '')).toContainEqual(expect.stringMatching(/^npx forge-conformance merge /));
});

test('the Bitbucket Pipelines example has the keys Bitbucket documents: a cached history, artifacts, parallel shards and a merge', () => {
  type BbStep = { step: { name: string; script: string[]; caches?: string[]; artifacts?: string[] } };
  const pipelines = read('bitbucket-pipelines.yml') as {
    image: string;
    definitions: { caches: Record<string, string> };
    pipelines: { custom: Record<string, (BbStep | { parallel: BbStep[] })[]> };
  };
  expect(pipelines.image).toMatch(/^node:24/);
  expect(pipelines.definitions.caches['conformance-history']).toBe('reports/history');
  const [run, gate] = pipelines.pipelines.custom['nightly-conformance'] as BbStep[];
  expect(run!.step.caches).toContain('conformance-history');
  expect(run!.step.script.join('\n')).toMatch(/forge-conformance nightly --config examples\/ci\/nightly\.yaml; echo \$\? > reports\/nightly\/exit-code/);
  expect(run!.step.artifacts).toEqual(['reports/nightly/**']);
  expect(gate!.step.script).toEqual(['exit "$(cat reports/nightly/exit-code)"']);
  const [fanOut, merge] = pipelines.pipelines.custom['sharded-conformance']!;
  expect((fanOut as { parallel: BbStep[] }).parallel.map((p) => p.step.script.at(-1))).toEqual([
    expect.stringContaining('--shard 1/2'),
    expect.stringContaining('--shard 2/2'),
  ]);
  expect((merge as BbStep).step.script.at(-1)).toMatch(/^npx forge-conformance merge reports\/shard-1\/\* reports\/shard-2\/\*/);
});

test("the examples' nightly.yaml is one the nightly accepts", () => {
  const config = loadNightlyConfig(join(EXAMPLES, 'nightly.yaml'));
  expect(config.runs).toEqual([{ app: expect.stringMatching(/fixtures\/apps\/employee-directory$/), target: 'embedded' }]);
  expect(config.retries).toBe(1);
});
