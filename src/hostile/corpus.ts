import { adminSwitching } from './categories/admin-switching';
import { controlEndpoints } from './categories/control-endpoints';
import { gatewayBodies } from './categories/gateway-bodies';
import { gatewayHeaders } from './categories/gateway-headers';
import { gatewayPaths } from './categories/gateway-paths';
import { gatewayTokens } from './categories/gateway-tokens';
import { proxyAuthorization } from './categories/proxy-authorization';
import { proxyMethods } from './categories/proxy-methods';
import { proxyServices } from './categories/proxy-services';
import { proxyTargets } from './categories/proxy-targets';
import { threeLeggedOAuth } from './categories/three-legged-oauth';
import type { HostileCase, HostileContext } from './hostile-case';

/** The hostile-input corpus, one generator a category, each deterministic for a given context. */
export const CATEGORIES: { name: string; generate: (ctx: HostileContext) => HostileCase[] }[] = [
  { name: 'gateway tokens', generate: gatewayTokens },
  { name: 'gateway paths', generate: gatewayPaths },
  { name: 'gateway headers', generate: gatewayHeaders },
  { name: 'gateway bodies', generate: gatewayBodies },
  { name: 'admin switching', generate: adminSwitching },
  { name: 'proxy authorization', generate: proxyAuthorization },
  { name: 'proxy targets', generate: proxyTargets },
  { name: 'proxy services', generate: proxyServices },
  { name: 'proxy methods', generate: proxyMethods },
  { name: '3LO', generate: threeLeggedOAuth },
  { name: 'control endpoints', generate: controlEndpoints },
];

/** Fewer than this many inputs is no campaign (issue 11). */
export const MINIMUM_CORPUS = 10_000;
