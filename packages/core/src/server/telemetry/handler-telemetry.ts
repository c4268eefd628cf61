import { ValidationError } from '../../errors/validation-error';
import { telemetryOptionProblem } from '../../telemetry/telemetry-option-problem';
import type { HandlerTelemetryOptions } from '../../telemetry/telemetry-tracer';
import type { HandlerTelemetry } from './trace-generation';

/**
 * The handler's `telemetry` option checked and resolved (a `ValidationError` naming what is
 * wrong); undefined when it is `false`.
 */
export function handlerTelemetry(
  option: HandlerTelemetryOptions | false | undefined,
  provider: string,
): HandlerTelemetry | undefined {
  const problem = telemetryOptionProblem(option, false);
  if (problem) {
    const [path, message] = problem;
    throw new ValidationError('handler options', [{ path, code: 'invalid_value', message }]);
  }
  if (option === false) return undefined;
  return { provider, recordPrompt: option?.recordPrompt === true };
}
