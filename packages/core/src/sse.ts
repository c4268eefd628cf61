/**
 * `@lunos-image/core/sse`: for code that reads a raw answer itself (its own fetch, a proxy, a
 * recorded body). The SSE decoder (bytes → `SseItem`s, in four forms), the interpreters that turn
 * items or a JSON answer into `ImageStreamEvent`s, and the folds of events into an
 * `ImageGenerationResult`. The client does all of this for you.
 */
export {
  createSseParser,
  type SseParser,
  type SseParserOptions,
} from './sse/create-sse-parser';
export { decodeSse, type SseSource } from './sse/decode-sse';
export { decodeSseBatches } from './sse/decode-sse-batches';
export { eventDataText, imageBytesFor } from './sse/event-data-text';
export { SseDecoderStream } from './sse/sse-decoder-stream';
export type { SseImageBytes, SseItem } from './sse/sse-item';
export { foldImageStream } from './stream/fold-image-stream';
export {
  ImageStreamInterpreter,
  type ImageStreamInterpreterOptions,
} from './stream/image-stream-interpreter';
export { imagesResponseToEvents } from './stream/images-response-to-events';
export { ImagesStreamInterpreter } from './stream/images-stream-interpreter';
export { responseToEvents } from './stream/response-to-events';
export type { StreamInterpreter } from './stream/stream-interpreter';
export { toImageGenerationResult } from './stream/to-image-generation-result';
