import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import nock from 'nock';
import { UpstreamStubs } from './upstream-stubs';

test.afterEach(() => {
  nock.cleanAll();
  nock.restore();
  nock.activate();
  nock.enableNetConnect();
});

test('stub files load in name order, answer every time, and `headers` means response headers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stubs-'));
  writeFileSync(
    join(dir, 'b.json'),
    JSON.stringify([{ scope: 'https://b.example.com', method: 'GET', path: '/x', status: 200, response: { b: 1 }, headers: { 'X-Stub': 'b' } }]),
  );
  writeFileSync(join(dir, 'a.json'), '[]');
  writeFileSync(join(dir, 'notes.txt'), 'ignored');
  const stubs = await UpstreamStubs.load([dir]);
  expect(stubs.files().map((f: string) => f.slice(dir.length + 1))).toEqual(['a.json', 'b.json']);
  for (let i = 0; i < 3; i++) {
    const response = await fetch('https://b.example.com/x');
    expect(response.headers.get('x-stub')).toBe('b');
    expect(await response.json()).toEqual({ b: 1 });
  }
});

test('a broken stub file is refused with a sentence naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stubs-'));
  writeFileSync(join(dir, 'broken.json'), '[{"scope": ');
  await expect(UpstreamStubs.load([dir])).rejects.toThrow(/broken\.json is not valid JSON .*: fix the stub file\./);
  writeFileSync(join(dir, 'broken.json'), '{"scope": "https://x"}');
  await expect(UpstreamStubs.load([dir])).rejects.toThrow(/broken\.json must hold a JSON list of nock definitions/);
  writeFileSync(join(dir, 'broken.json'), '[{"method": "GET"}]');
  await expect(UpstreamStubs.load([dir])).rejects.toThrow(/broken\.json\[0\] needs a scope/);
  writeFileSync(join(dir, 'broken.json'), '[{"scope": "https://x.example.com/api", "method": "GET", "path": "/"}]');
  await expect(UpstreamStubs.load([dir])).rejects.toThrow(/broken\.json\[0\] has scope "https:\/\/x.example.com\/api": write the scheme and host only/);
  writeFileSync(join(dir, 'broken.json'), '[{"scope": "https://x.example.com", "path": "/"}]');
  await expect(UpstreamStubs.load([dir])).rejects.toThrow(/broken\.json\[0\] needs a method/);
});

test('without stub files nock is not loaded, and only loopback upstreams are reachable', async () => {
  const stubs = await UpstreamStubs.load([join(tmpdir(), 'no-such-stubs-dir')]);
  expect(stubs.active).toBe(false);
  expect(stubs.files()).toEqual([]);
});

test('record mode writes what a real loopback upstream answered as nock definitions', async () => {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"live":true}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const file = join(mkdtempSync(join(tmpdir(), 'record-')), 'recorded.json');
  try {
    const stubs = await UpstreamStubs.load([], { record: file });
    const { port } = server.address() as AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${port}/live?x=1`)).json()).toEqual({ live: true });
    expect(stubs.saveRecording()).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      expect.objectContaining({ scope: `http://127.0.0.1:${port}`, method: 'GET', path: '/live?x=1', status: 200, response: { live: true } }),
    ]);
  } finally {
    server.close();
  }
});
