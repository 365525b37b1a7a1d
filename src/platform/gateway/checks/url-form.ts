import { GatewayRejection } from '../rejection';
import { parseGatewayUrl } from '../url-forms';
import type { GatewayCheck } from './check';

/** The request must use one of the two documented URL forms. */
export const urlForm: GatewayCheck = (call, { profile }) => {
  call.url = parseGatewayUrl(call.target);
  if (!call.url) throw new GatewayRejection('url-form', profile.rejections.unknownUrlForm, `${call.target} is not an app REST API URL`);
};
