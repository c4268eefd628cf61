import { LunosImageError } from '@lunos-image/core';

/**
 * A hook found no client: none was passed to it and no `LunosImageProvider` is above it.
 * A `LunosImageError` like every other error of lunos-image, so `MissingClientError.isInstance`
 * works across copies of the package.
 */
export class MissingClientError extends LunosImageError {
  static override readonly kind: string = 'MissingClientError';

  constructor() {
    super(
      'No LunosImageClient: render this component inside <LunosImageProvider client={…}> (or ' +
        'options={…}), or pass the client to the hook, e.g. useImageGeneration({ client }).',
    );
  }
}
