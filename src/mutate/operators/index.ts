/** Every mutation operator, in the order mutants are made and reported; adding one is a file and a line. */
import type { MutationOperator } from '../mutant';
import { answer500 } from './answer-500';
import { bodyNotJson } from './body-not-json';
import { changeOperation } from './change-operation';
import { dropEgressEntry } from './drop-egress-entry';
import { dropRouteScope } from './drop-route-scope';
import { dropStatusCode } from './drop-status-code';
import { egressAnyHost } from './egress-any-host';
import { handlerThrows } from './handler-throws';
import { plainHttp } from './plain-http';
import { tokenInBody, tokenInHeader, tokenInQuery } from './token-sent-on';
import { undeclaredHost } from './undeclared-host';

export const OPERATORS: readonly MutationOperator[] = [
  dropRouteScope,
  changeOperation,
  dropEgressEntry,
  egressAnyHost,
  tokenInHeader,
  tokenInQuery,
  tokenInBody,
  undeclaredHost,
  plainHttp,
  answer500,
  bodyNotJson,
  dropStatusCode,
  handlerThrows,
];
