/** The gateway's pipeline: the profile's steps in the profile's order, then the invocation. */
import type { GatewayStepName } from '../profile';
import type { GatewayCall } from './call';
import type { FunctionResponse } from './invocation';
import type { InvokeStep } from './invoke-step';
import { STEPS } from './steps';
import { isEstablished, type StepCall } from './steps/fields';
import type { GatewayDependencies, GatewayStep } from './steps/step';

/** Takes a call through every step; the first that refuses throws its Refusal, and the last returns the handler's response. */
export type GatewayPipeline = (call: GatewayCall) => Promise<FunctionResponse>;

export function gatewayPipeline(order: readonly GatewayStepName[], deps: GatewayDependencies, invoke: InvokeStep): GatewayPipeline {
  const steps: GatewayStep<GatewayStepName>[] = order.map((name) => STEPS[name]);
  return async (call) => {
    // profileWith accepts only an order that puts each step after those establishing what it reads (steps/fields.ts).
    for (const step of steps) await step(call as StepCall<GatewayStepName>, deps);
    if (!isEstablished(call)) throw new Error('the gateway pipeline ended without establishing everything the invocation needs');
    return invoke(call);
  };
}
