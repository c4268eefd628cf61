import type { ImageApi } from '../models/image-model';
import { type BuildChatRequestOptions, buildChatRequest } from '../request/build-chat-request';
import { buildImagesRequest } from '../request/build-images-request';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import type { GenerationHttpRequest } from '../request/generation-request';
import type { ImageEventOptions } from '../stream/image-event-builder';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { ImageStreamInterpreter } from '../stream/image-stream-interpreter';
import type { ImageStreamInterpreterOptions } from '../stream/image-stream-interpreter-options';
import { imagesResponseToEvents } from '../stream/images-response-to-events';
import { ImagesStreamInterpreter } from '../stream/images-stream-interpreter';
import { responseToEvents } from '../stream/response-to-events';
import type { StreamInterpreter } from '../stream/stream-interpreter';

/**
 * One route a generation can take: how its request is built, and how its answer (SSE or one JSON
 * body) becomes `ImageStreamEvent`s. Everything after this (stream, store, observers, hooks) sees
 * only the events, so a new wire is one more entry here.
 */
export interface GenerationWire {
  build(
    variables: GenerateImageVariables,
    options: BuildChatRequestOptions,
  ): Promise<GenerationHttpRequest<unknown>>;
  interpreter(options: ImageStreamInterpreterOptions): StreamInterpreter;
  answerEvents(json: unknown, options: ImageEventOptions): ImageStreamEvent[];
}

export const generationWires: Record<ImageApi, GenerationWire> = {
  chat: {
    build: buildChatRequest,
    interpreter: (options) => new ImageStreamInterpreter(options),
    answerEvents: responseToEvents,
  },
  images: {
    // `strict` is chat's: the Images API's checks against the model's parameters always refuse.
    build: (variables, { strict: _strict, ...options }) => buildImagesRequest(variables, options),
    interpreter: (options) => new ImagesStreamInterpreter(options),
    answerEvents: imagesResponseToEvents,
  },
};
