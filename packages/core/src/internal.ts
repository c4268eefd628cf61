/**
 * `@lunos-image/core/internal`: what our own packages (react, msw) and tools share with core and
 * users do not need. No compatibility promise: names here change with any release.
 */
export { DEFAULT_MAX_RESPONSE_BYTES } from './client/default-limits';
export { sleep, type Timers } from './client/sleep';
export { type CreateAPIErrorContext, createAPIError } from './errors/create-api-error';
export { MIN_SECRET_RUN, redactText, secretRuns } from './errors/redact-secret';
export { decodeBase64, encodeBase64 } from './image/base64';
export { type ImageMimeType, sniffImageType } from './image/sniff-image-type';
export { applyImageEndpoints } from './models/apply-image-endpoints';
export { imageEndpointsPath } from './models/image-endpoints-path';
export {
  modelFiltersKey,
  normalizeModelFilters,
  withDefaultFilters,
} from './models/model-filters-key';
export { normalizeImagesModels } from './models/normalize-images-models';
export { normalizeModels } from './models/normalize-models';
export { resolveImageApi } from './models/resolve-image-api';
export {
  type Dialect,
  type DialectHeaderOptions,
  getDialect,
  lunosDialect,
  openRouterDialect,
} from './request/dialect';
export { matchRoute } from './routes/match-route';
export { routePath } from './routes/route-path';
export { ROUTES, type RouteName } from './routes/route-table';
export {
  type ChatMessage,
  type ChatRequest,
  type ContentPart,
  chatMessageSchema,
  chatRequestSchema,
  contentPartSchema,
  modalitySchema,
  type ProviderPreferences,
  providerPreferencesSchema,
} from './schemas/chat-request-schema';
export {
  type ChatResponse,
  chatResponseSchema,
  type ResponseMessage,
  responseMessageSchema,
} from './schemas/chat-response-schema';
export {
  type ErrorBody,
  type ErrorObject,
  errorBodySchema,
  errorObjectSchema,
} from './schemas/error-body-schema';
export {
  aspectRatioSchema,
  type ImageConfig,
  imageConfigSchema,
  imageSizeSchema,
} from './schemas/image-config-schema';
export { type ImageItem, imageItemSchema } from './schemas/image-item-schema';
export {
  type ImagesEndpoint,
  type ImagesEndpoints,
  type ImagesPricingLine,
  imagesEndpointSchema,
  imagesEndpointsSchema,
  imagesPricingLineSchema,
} from './schemas/images-endpoints-schema';
export {
  type ImagesModel,
  type ImagesModelList,
  imagesModelListSchema,
  imagesModelSchema,
} from './schemas/images-model-list-schema';
export { type ImagesRequest, imagesRequestSchema } from './schemas/images-request-schema';
export {
  type ImagesResponse,
  type ImagesResponseImage,
  imagesResponseImageSchema,
  imagesResponseSchema,
} from './schemas/images-response-schema';
export {
  type ImagesStreamEvent,
  imagesCompletedEventSchema,
  imagesErrorEventSchema,
  imagesPartialImageEventSchema,
  imagesStreamEventSchema,
  imagesTextChunkEventSchema,
} from './schemas/images-stream-event-schema';
export {
  type LunosModel,
  type LunosModelList,
  lunosModelListSchema,
  lunosModelSchema,
} from './schemas/lunos-model-list-schema';
export {
  type OpenRouterModel,
  type OpenRouterModelList,
  openRouterModelListSchema,
  openRouterModelSchema,
} from './schemas/openrouter-model-list-schema';
export {
  parameterDescriptorSchema,
  type SupportedParameters,
  supportedParametersSchema,
  type WireParameterDescriptor,
} from './schemas/parameter-descriptor-schema';
export {
  type StreamChunk,
  type StreamDelta,
  streamChunkSchema,
  streamDeltaSchema,
} from './schemas/stream-chunk-schema';
export { type Usage, usageSchema } from './schemas/usage-schema';
export { type LimitedBody, readLimitedBody } from './server/read-limited-body';
export { DEFAULT_MODELS_STALE_TIME } from './store/models-store';
export { parseEventJson } from './stream/parse-event-json';
