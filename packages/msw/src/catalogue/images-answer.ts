/** Bodies and SSE events of the Images API (api-wire-format.md §9), from base64 image bytes. */

export function imagesResponse(
  created: number,
  images: readonly string[],
  usage: Record<string, unknown>,
  mediaType = 'image/png',
): Record<string, unknown> {
  return {
    created,
    data: images.map((b64) => ({ b64_json: b64, media_type: mediaType })),
    usage,
  };
}

/** A preview of the image being drawn; `index` counts the previews of that image from 0. */
export function partialImageEvent(index: number, b64: string): Record<string, unknown> {
  return { type: 'image_generation.partial_image', partial_image_index: index, b64_json: b64 };
}

/** One finished image; `usage` is what is billed so far. */
export function completedImageEvent(
  b64: string,
  created: number,
  usage: Record<string, unknown>,
  mediaType = 'image/png',
): Record<string, unknown> {
  return {
    type: 'image_generation.completed',
    b64_json: b64,
    media_type: mediaType,
    created,
    usage,
  };
}

export function textChunkEvent(
  text: string,
  phase: 'content' | 'reasoning' | 'draft' = 'content',
): Record<string, unknown> {
  return { type: 'image_generation.text_chunk', phase, text };
}

/** The error event of a failed stream; `code` is a string there (`server_error`). */
export function imagesErrorEvent(code: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { code, message } };
}
