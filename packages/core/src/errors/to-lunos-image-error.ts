import { LunosImageError } from './lunos-image-error';

/** Anything thrown, as a `LunosImageError`: ours as is, anything else wrapped with it as `cause`. */
export function toLunosImageError(error: unknown): LunosImageError {
  return LunosImageError.isInstance(error)
    ? error
    : new LunosImageError(error instanceof Error ? error.message : String(error), { cause: error });
}
