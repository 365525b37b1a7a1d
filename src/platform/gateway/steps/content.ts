import { readBody } from '../../http/body';
import { Refusal } from '../../http/refusal';
import { mediaType } from '../../http/request-target';
import type { GatewayStep } from './step';

const hasBody = (headers: Record<string, string | string[] | undefined>) =>
  Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;

/** A body must be of a type the route accepts (JSON) and at most the profile's size (5 MB). */
export const content: GatewayStep<'content'> = async (call, { profile }) => {
  const { headers } = call.request;
  if (!hasBody(headers)) {
    call.body = Buffer.alloc(0);
    return;
  }
  const accepted = call.route.accept ?? ['application/json'];
  const type = mediaType(headers['content-type']);
  if (!type || !accepted.includes(type)) {
    throw Refusal.gateway(
      'content',
      profile.refusals.unsupportedMediaType,
      `content type ${JSON.stringify(headers['content-type'] ?? '(none)')} is not one of ${accepted.join(', ')}`,
    );
  }
  try {
    call.body = await readBody(call.request, profile.gateway.maxRequestBytes);
  } catch (error) {
    if (error instanceof Refusal && error.status === 413) {
      throw Refusal.gateway('content', profile.refusals.payloadTooLarge, `the body is over ${profile.gateway.maxRequestBytes} bytes`);
    }
    throw error;
  }
};
