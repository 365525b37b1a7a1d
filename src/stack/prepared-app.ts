import { AppLoadError } from '../app/app-load-error';
import type { ForgeApp } from '../app/forge-app';
import { loadApp } from '../app/load-app';
import { loadVariables, type AppVariable } from '../app/variables-file';
import { platformAppOf } from '../platform/auth/app-identity';
import { newControlKey } from '../platform/http/control-key';
import { profileWith, type PlatformProfile } from '../platform/profile';
import { readStubFile, StubFileError, stubFilesOf } from '../platform/proxy/upstream-stubs';
import { appUpstreams, type StackOptions } from './stack';
import { StackStartError } from './stack-start-error';
import type { PlatformApp } from '../platform/model';

/** What every target starts from, checked once before anything starts. */
export interface PreparedApp {
  forgeApp: ForgeApp;
  app: PlatformApp & { dir: string };
  profile: PlatformProfile;
  /** The stub sources the proxy loads, every file already read. */
  upstreams: string[];
  /** The new stack's control key (http/control-key.ts). */
  controlKey: string;
  /** The app environment's variables: the handlers' whole `process.env`. */
  variables: AppVariable[];
}

/**
 * The common start of every target: the app loaded, its manifest parsed and its identity found,
 * the profile built, the stub files and the environment's variables read. Whatever is wrong is one sentence, the same on every
 * target, before any component starts.
 */
export function prepareApp(options: StackOptions): PreparedApp {
  const forgeApp = loadApp(options.app);
  if (forgeApp.manifestFile.syntaxErrors.length > 0)
    throw new AppLoadError(`${options.app}/manifest.yml does not parse: run \`forge-conformance lint\` and fix it first.`);
  const app = platformAppOf(forgeApp);
  if (!app)
    throw new AppLoadError(`${options.app}/manifest.yml has no app.id of the form ari:cloud:ecosystem::app/<uuid>: set it (forge register writes one).`);
  return {
    forgeApp,
    app,
    profile: profileWith(options.profile),
    upstreams: checkedUpstreams(options, forgeApp.dir),
    controlKey: newControlKey(),
    variables: options.variables ?? loadVariables(forgeApp.dir),
  };
}

/**
 * The stub sources a stack loads (those named, or the app's own `upstreams/`), every file read
 * before anything starts: a broken one is one sentence naming it, on either target, instead of
 * a proxy (process or container) that dies while the rest comes up.
 */
export function checkedUpstreams(options: Pick<StackOptions, 'upstreams'>, appDir: string): string[] {
  const upstreams = options.upstreams ?? appUpstreams(appDir);
  try {
    for (const file of stubFilesOf(upstreams)) readStubFile(file);
  } catch (error) {
    throw error instanceof StubFileError ? new StackStartError(error.message) : error;
  }
  return upstreams;
}
