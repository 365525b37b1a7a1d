import { Refusal } from '../../http/refusal';
import { parseRequestTarget } from '../../http/request-target';
import { parseGatewayUrl } from '../url-forms';
import type { GatewayStep } from './step';

/** The request must use one of the two documented URL forms, in a target the gateway can read. */
export const urlForm: GatewayStep<'url-form'> = (call, { profile }) => {
  const target = parseRequestTarget(call.target);
  if (!target) throw Refusal.gateway('url-form', profile.rejections.badRequest, 'the request target is neither a path nor an absolute URL');
  const url = parseGatewayUrl(target, call.request);
  if (url === 'malformed')
    throw Refusal.gateway('url-form', profile.rejections.badRequest, `${call.target} names a cloudId that is not valid percent-encoding`);
  if (!url) throw Refusal.gateway('url-form', profile.rejections.unknownUrlForm, `${call.target} is not an app REST API URL`);
  call.parsedTarget = target;
  call.url = url;
};
