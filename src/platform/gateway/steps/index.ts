import type { GatewayStepName } from '../../profile';
import type { GatewayStep } from './step';
import { content } from './content';
import { installation } from './installation';
import { route } from './route';
import { scopes } from './scopes';
import { siteEnabled } from './site-enabled';
import { token } from './token';
import { urlForm } from './url-form';

/** Every step of the gateway's pipeline by its profile name; the profile decides the order. */
export const STEPS: { [S in GatewayStepName]: GatewayStep<S> } = {
  'url-form': urlForm,
  installation,
  token,
  'site-enabled': siteEnabled,
  route,
  content,
  scopes,
};
