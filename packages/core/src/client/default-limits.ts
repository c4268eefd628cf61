/**
 * Answer bodies larger than this are refused (`maxResponseBytes`). Sized for 4K images: a
 * 4096×4096 PNG is up to ~50 MB, ~67 MB as base64, so one such image with its text fits.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** Images one answer may hold (`maxImagesPerAnswer`); a preview replaced by its final counts once. */
export const DEFAULT_MAX_IMAGES_PER_ANSWER = 16;

/**
 * An error answer's body, or a body of a content type the client does not read, is read up to
 * this many bytes (or `maxResponseBytes`, if smaller), then cancelled, which closes the
 * connection: the status or the content type already says what failed, the body only explains it.
 */
export const MAX_QUOTED_BODY_BYTES = 1024 * 1024;
