import { LunosImageError } from './lunos-image-error';

/** The server answered 2xx with a body that is not what the API sends (proxy page, bad JSON). */
export class InvalidResponseError extends LunosImageError {
  static override readonly kind: string = 'InvalidResponseError';
}
