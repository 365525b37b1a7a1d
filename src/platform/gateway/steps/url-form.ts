import { Refusal } from '../../http/refusal';
import { parseRequestTarget, unroutablePath } from '../../http/request-target';
import { parseGatewayUrl } from '../url-forms';
import type { GatewayStep } from './step';

/**
 * The request must use one of the two documented URL forms, in a target the gateway can read:
 * no dot segment and no malformed percent-encoding anywhere in its path, so no handler is handed
 * `..` as an id or a segment it cannot decode.
 */
export const urlForm: GatewayStep<'url-form'> = (call, { profile }) => {
  const target = parseRequestTarget(call.target);
  if (!target) throw Refusal.gateway('url-form', profile.refusals.badRequest, 'the request target is neither a path nor an absolute URL');
  const unroutable = unroutablePath(target.path);
  if (unroutable) throw Refusal.gateway('url-form', profile.refusals.badRequest, unroutable);
  const url = parseGatewayUrl(target, call.request);
  if (!url) throw Refusal.gateway('url-form', profile.refusals.unknownUrlForm, `${call.target} is not an app REST API URL`);
  call.parsedTarget = target;
  call.url = url;
};
