import type { GatewayCheckName } from '../../profile';
import type { GatewayCheck } from './check';
import { content } from './content';
import { installation } from './installation';
import { route } from './route';
import { scopes } from './scopes';
import { siteEnabled } from './site-enabled';
import { token } from './token';
import { urlForm } from './url-form';

/** Every check by its profile name; the profile decides the order. */
export const CHECKS: Record<GatewayCheckName, GatewayCheck> = {
  'url-form': urlForm,
  installation,
  token,
  'site-enabled': siteEnabled,
  route,
  content,
  scopes,
};
