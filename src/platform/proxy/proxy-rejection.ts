import type { ProxyRejection } from '../profile';

/** Thrown to refuse a proxied request; the server answers with the status and `forge-proxy-error`. */
export class ProxyRefusal extends Error {
  constructor(readonly rejection: ProxyRejection, message: string) {
    super(message);
  }
}
