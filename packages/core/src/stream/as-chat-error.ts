import type { ErrorObject } from '../schemas/error-body-schema';

/**
 * An Images API error object read like a chat one: its `type` (`server_error`) is what chat
 * bodies call `error_type`, so the `StreamError` carries it as `errorType` on both wires.
 */
export function asChatError(error: ErrorObject): ErrorObject {
  return error.error_type === undefined && typeof error.type === 'string'
    ? { ...error, error_type: error.type }
    : error;
}
