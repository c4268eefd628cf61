import type { GenerationWire, RequestDemands } from '../wires/generation-wire';
import { checkRequestLimits, type RequestLimits } from './check-request-limits';
import { parseRequestBody } from './parse-request-body';

/**
 * A generation body checked the way the API would (its wire's `requestSchema`), then against the
 * handler's limits and allow-list: the request to send, or the refusal that names what is wrong.
 */
export function checkGenerationBody<T>(
  wire: GenerationWire<T>,
  json: unknown,
  limits: RequestLimits,
  isAllowed: (id: string) => boolean,
): { request: T; demands: RequestDemands } | { refusal: Response } {
  const parsed = parseRequestBody(wire.requestSchema, json, wire.requestName);
  if ('refusal' in parsed) return parsed;
  const demands = wire.requestDemands(parsed.request);
  const refusal = checkRequestLimits(demands, limits, isAllowed);
  return refusal ? { refusal } : { request: parsed.request, demands };
}
