/** The app's external services as nock definitions, loaded in the proxy's process. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type nockType from 'nock';

/** A stub file that cannot be used; the message names it and says what to fix. */
export class StubFileError extends Error {
  override name = 'StubFileError';
}

/** The `*.json` files of stub directories (and stub files named directly), in a stable order. */
export function stubFilesOf(sources: readonly string[]): string[] {
  return sources.flatMap((source) => {
    if (!existsSync(source)) return [];
    if (statSync(source).isFile()) return [source];
    return readdirSync(source)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(source, f));
  });
}

/** One stub file's nock definitions, checked and normalized; throws StubFileError. */
export function readStubFile(file: string): nockType.Definition[] {
  let definitions: unknown;
  try {
    definitions = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StubFileError(`${file} is not valid JSON (${(error as Error).message}): fix the stub file.`);
  }
  if (!Array.isArray(definitions)) throw new StubFileError(`${file} must hold a JSON list of nock definitions ({scope, method, path, status, response}).`);
  return definitions.map((definition, index) => {
    const d = definition as Record<string, unknown>;
    if (typeof d?.scope !== 'string' || typeof d.path !== 'string') throw new StubFileError(`${file}[${index}] needs a scope (https://host) and a path.`);
    if (!/^https?:\/\/[^/?#]+$/.test(d.scope) || !URL.canParse(d.scope))
      throw new StubFileError(`${file}[${index}] has scope "${d.scope}": write the scheme and host only, like https://api.example.com.`);
    if (typeof d.method !== 'string' || !/^[A-Za-z]+$/.test(d.method)) throw new StubFileError(`${file}[${index}] needs a method (GET, POST, …).`);
    // nock reads response headers from `rawHeaders`; `headers` is what people write, so both work.
    return (d.rawHeaders === undefined && d.headers !== undefined ? { ...d, rawHeaders: d.headers } : d) as unknown as nockType.Definition;
  });
}

/**
 * The external services, as nock definitions (`*.json`: lists of {scope, method, path, status,
 * response, headers or rawHeaders}) loaded in the proxy's own process, where the upstream calls are made.
 * Every definition answers as often as it is called. Loopback hosts pass through to real local
 * servers; any other request without a matching stub fails, and the proxy names it.
 */
export class UpstreamStubs {
  private recording: string | undefined;
  /** Marks of requests nock found no stub for (it answers those with its own 501). */
  private readonly unmatched = new Set<string>();
  private readonly nock: typeof nockType | undefined;

  /**
   * nock intercepts every outbound request of the process, loopback ones included, at a real
   * cost in throughput; without stubs or recording it is not loaded at all, and requests to
   * anything but loopback fail as unstubbed.
   */
  static async load(sources: readonly string[], options: { record?: string } = {}): Promise<UpstreamStubs> {
    const needed = options.record !== undefined || stubFilesOf(sources).length > 0;
    return new UpstreamStubs(sources, options, needed ? (await import('nock')).default : undefined);
  }

  private constructor(
    private readonly sources: readonly string[],
    { record }: { record?: string },
    nockModule: typeof nockType | undefined,
  ) {
    this.nock = nockModule;
    const nock = nockModule;
    if (!nock) return;
    nock.disableNetConnect();
    nock.enableNetConnect((host) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host));
    for (const file of this.files()) this.load(file);
    nock.emitter.on('no match', (request: { headers?: Headers | Record<string, string> }) => {
      const headers = request.headers;
      const mark = headers instanceof Headers ? headers.get(STUB_MARK) : headers?.[STUB_MARK];
      if (mark) this.unmatched.add(mark);
    });
    if (record) {
      this.recording = record;
      nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: false });
    }
  }

  /** Whether stubs (or recording) are in force; without them, only loopback upstreams can be reached. */
  get active(): boolean {
    return this.nock !== undefined;
  }

  /** The stub files: every .json file of the given files and directories, in name order. */
  files(): string[] {
    return stubFilesOf(this.sources);
  }

  private load(file: string): void {
    for (const scope of this.nock!.define(readStubFile(file))) scope.persist();
  }

  /** Writes what record mode captured as nock definitions, and stops recording. */
  saveRecording(): number {
    const nock = this.nock;
    if (!this.recording || !nock) return 0;
    const recorded = nock.recorder.play() as nockType.Definition[];
    writeFileSync(this.recording, `${JSON.stringify(recorded, null, 2)}\n`);
    nock.recorder.clear();
    nock.restore();
    this.recording = undefined;
    return recorded.length;
  }

  /** Whether nock answered the request carrying `mark` for want of a stub (and forget it). */
  wasUnmatched(mark: string): boolean {
    return this.unmatched.delete(mark);
  }
}

/** A header the proxy puts on stubbed requests, to tell which of them nock found no stub for. */
export const STUB_MARK = 'x-forge-conformance-stub-mark';

/** nock's refusal of a host that has no stub at all. */
export const isUnstubbedHost = (error: unknown) => /^Nock: Disallowed net connect/.test((error as Error).message ?? '');
