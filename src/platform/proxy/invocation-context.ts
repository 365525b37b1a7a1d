/**
 * `GET /invocation/context` (the Forge Containers API's Forge Context group, facts.md §6): what
 * the proxy knows of the live invocation a container service acts for, in the documented shape.
 * Nothing the caller sends is read but its `forge-proxy-authorization`, which the rules checked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/respond';
import type { LiveInvocation } from '../invocation/registry';

export const INVOCATION_CONTEXT_PATH = '/invocation/context';

export class InvocationContextService {
  constructor(
    private readonly app: { id: string; envId: string },
    /** Each module's type by its key, as the manifest writes it (`apiRoute`, `jira:issuePanel`). */
    private readonly moduleTypes: Readonly<Record<string, string>>,
  ) {}

  /** The documented body for the invocation: the app, its installation and environment as ARIs, the module, the site. */
  contextOf(invocation: LiveInvocation) {
    const type = this.moduleTypes[invocation.routeKey];
    return {
      app: {
        id: `ari:cloud:ecosystem::app/${this.app.id}`,
        installationId: `ari:cloud:ecosystem::installation/${invocation.installationId}`,
        environment: { type: 'DEVELOPMENT', id: `ari:cloud:ecosystem::environment/${this.app.id}/${this.app.envId}` },
        // Core modules are named `core:<type>` (`core:webtrigger` in the documented example); product modules already carry theirs.
        module: { key: invocation.routeKey, type: type === undefined ? 'core:function' : type.includes(':') ? type : `core:${type}` },
      },
      context: { cloudId: invocation.cloudId, moduleKey: invocation.routeKey, userAccess: { enabled: false } },
    };
  }

  async serve(_path: string, _request: IncomingMessage, response: ServerResponse, invocation: LiveInvocation): Promise<{ status: number }> {
    sendJson(response, 200, this.contextOf(invocation));
    return { status: 200 };
  }
}
