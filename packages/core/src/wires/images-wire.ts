import { buildImagesRequest } from '../request/build-images-request';
import { type ImagesRequest, imagesRequestSchema } from '../schemas/images-request-schema';
import { imagesResponseToEvents } from '../stream/images-response-to-events';
import { ImagesStreamInterpreter } from '../stream/images-stream-interpreter';
import type { GenerationWire } from './generation-wire';

/** OpenRouter's Images API, `POST /images`. */
export const imagesWire: GenerationWire<ImagesRequest> = {
  // `strict` is chat's: the Images API's checks against the model's parameters always refuse.
  build: (variables, { strict: _strict, ...options }) => buildImagesRequest(variables, options),
  interpreter: (options) => new ImagesStreamInterpreter(options),
  answerEvents: imagesResponseToEvents,
  requestSchema: imagesRequestSchema,
  requestName: 'images request',
  requestDemands: (request) => ({
    modelIds: [request.model],
    promptChars: request.prompt.length,
    referenceImages: request.input_references?.length ?? 0,
  }),
};
