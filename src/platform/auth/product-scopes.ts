/** What the consent page says of the scopes that are not the app's own. */
import { PRODUCT_SCOPE_TEXT as PRODUCT_SCOPES } from '../../app/products';

export const PRODUCT_SCOPE_TEXT: Record<string, { displayName: string; description: string }> = {
  ...PRODUCT_SCOPES,
  offline_access: { displayName: 'Stay connected', description: 'Keep access after you close the app, without asking you again (refresh tokens).' },
};
