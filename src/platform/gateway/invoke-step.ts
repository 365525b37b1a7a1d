/** The pipeline's last step: invoking the route's handler, and reading what it returns. */
import type { ForgeApp } from '../../app/forge-app';
import { resolveHandler } from '../../app/handler-reference';
import { hopByHopHeaders } from '../http/hop-by-hop';
import { Refusal } from '../http/refusal';
import type { PlatformApp } from '../model';
import type { PlatformProfile } from '../profile';
import type { FunctionInvoker } from '../runtime/runtime-server';
import { randomUUID } from 'node:crypto';
import type { CallWith, Established, InvocationRecord } from './call';
import { handlerContext, headerLists, headerMatcher, invocationPayload, readFunctionResponse, type FunctionResponse } from './invocation';
import { CORRELATION_HEADER, IDENTITY_HEADER } from './header-names';
import type { LiveInvocations } from './live-invocations';
import { secretFinder, type SecretValue } from './echoed-secrets';

export type InvokeStep = (call: CallWith<keyof Established>) => Promise<FunctionResponse>;

export interface InvokeDependencies {
  profile: PlatformProfile;
  app: PlatformApp;
  forgeApp: ForgeApp;
  runtime: FunctionInvoker;
  live: LiveInvocations;
  /** Where the function's outbound calls go (the egress proxy), when there is one. */
  proxyUrl: string | undefined;
  /** The app's encrypted variables: a response that carries one is recorded (echoed-secrets.ts). */
  secrets?: readonly SecretValue[];
}

/**
 * Runs the route's handler for a call every other step let through, with the invocation live
 * while it runs; refuses (with the profile's refusal) when it cannot run, runs too long or
 * returns something that is not a response. The call's `invocation` records what happened.
 */
export function invokeStep({ profile, app, forgeApp, runtime, live, proxyUrl, secrets = [] }: InvokeDependencies): InvokeStep {
  const echoedIn = secretFinder(secrets);
  const { refusals } = profile;
  const timeoutMs = profile.gateway.invocationTimeoutMs;
  const handlers = new Map(forgeApp.functions.map((fn) => [fn.key, resolveHandler(forgeApp, fn.handler)]));
  const stripped = headerMatcher([
    ...profile.gateway.strippedRequestHeaders,
    CORRELATION_HEADER,
    'content-length',
    ...(profile.gateway.forwardAuthorizationHeader ? [] : ['authorization']),
  ]);
  const fail = (reason: string) => Refusal.gateway('invocation', refusals.invocationFailed, reason);

  return async (call) => {
    const { route, token, site, installation, url } = call;
    const resolved = handlers.get(route.function);
    if (resolved?.kind !== 'found') throw fail(`function ${route.function} has no loadable handler`);
    const hopByHop = hopByHopHeaders(call.request.headers);
    const headers = headerLists(call.request, { drop: (name) => stripped(name) || hopByHop.has(name) });
    headers[IDENTITY_HEADER] = [token.accountId];
    const identity = {
      invocationId: randomUUID(),
      appId: app.id,
      envId: app.envId,
      installationId: installation.id,
      cloudId: site.cloudId,
      product: url.product,
      accountId: token.accountId,
    };
    const invocation: InvocationRecord = (call.invocation = {
      invocationId: identity.invocationId,
      functionKey: route.function,
      routeKey: route.key,
      outcome: 'crashed',
      durationMs: 0,
      headerNames: Object.keys(headers),
      accountId: token.accountId,
    });
    const message = {
      file: resolved.file,
      exportName: resolved.exportName,
      payload: invocationPayload(call, headers),
      handlerContext: handlerContext(call, app.envId),
      context: {
        ...identity,
        functionKey: route.function,
        moduleKey: route.key,
        moduleType: 'apiRoute',
        deadline: Date.now() + timeoutMs,
        proxyUrl,
        traceId: call.traceId,
      },
    };
    const outcome = await live.during({ ...identity, routeKey: route.key }, call.bearer, () => runtime.invoke(message, timeoutMs));
    invocation.durationMs = outcome.durationMs;
    if (outcome.kind === 'timed-out') {
      invocation.outcome = 'timed-out';
      throw Refusal.gateway('invocation', refusals.invocationTimedOut, `the handler ran past ${timeoutMs} ms`);
    }
    if (outcome.kind !== 'returned') {
      invocation.outcome = outcome.kind;
      throw fail(outcome.kind === 'threw' ? `the handler threw: ${outcome.message}` : outcome.reason);
    }
    const result = readFunctionResponse(outcome.value);
    if (typeof result === 'string') {
      invocation.outcome = 'bad-result';
      throw fail(`bad result: ${result}`);
    }
    invocation.outcome = 'returned';
    const echoed = echoedIn([result.body ?? '', ...Object.values(result.headers).flat()]);
    if (echoed.length) invocation.secretsEchoed = echoed;
    return result;
  };
}
