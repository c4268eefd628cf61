export {
  type CallOptions,
  createLunosImageClient,
  type LunosImageClient,
  type LunosImageClientOptions,
} from './client/create-lunos-image-client';
export { ImageStream, type ImageStreamProgress } from './client/image-stream';
export { DEFAULT_TIMEOUTS, type TimeoutOption, type Timeouts } from './client/timeouts';
export {
  APIError,
  type APIErrorDetails,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  EdgeTimeoutError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  ProviderOverloadedError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from './errors/api-error';
export { type CreateAPIErrorContext, createAPIError } from './errors/create-api-error';
export {
  ImageTooLargeError,
  type ImageTooLargeErrorOptions,
} from './errors/image-too-large-error';
export {
  InvalidImageError,
  type InvalidImageErrorOptions,
  type InvalidImageReason,
} from './errors/invalid-image-error';
export { InvalidResponseError } from './errors/invalid-response-error';
export { LunosImageError, type LunosImageErrorOptions } from './errors/lunos-image-error';
export { MIN_SECRET_RUN, redactText, secretRuns } from './errors/redact-secret';
export {
  RemoteImageError,
  type RemoteImageErrorOptions,
} from './errors/remote-image-error';
export { ReportedError, type ReportedErrorDetails } from './errors/reported-error';
export {
  type ResponseLimit,
  ResponseTooLargeError,
  type ResponseTooLargeErrorOptions,
} from './errors/response-too-large-error';
export {
  SseEventTooLargeError,
  type SseEventTooLargeErrorOptions,
} from './errors/sse-event-too-large-error';
export {
  NoImageGeneratedError,
  StreamError,
  type StreamErrorDetails,
  StreamTruncatedError,
} from './errors/stream-errors';
export { toLunosImageError } from './errors/to-lunos-image-error';
export {
  AbortError,
  ConnectionError,
  TimeoutError,
  type TimeoutLimit,
} from './errors/transport-errors';
export { ValidationError, type ValidationIssue } from './errors/validation-error';
export { decodeBase64, encodeBase64 } from './image/base64';
export { GeneratedImage, type GeneratedImageOptions } from './image/generated-image';
export { type ParsedDataUrl, parseDataUrl } from './image/parse-data-url';
export { type ImageMimeType, sniffImageType } from './image/sniff-image-type';
export { applyImageEndpoints } from './models/apply-image-endpoints';
export { canonicalModelId } from './models/canonical-model-id';
export { capabilitiesOf, type ImageModelCapabilities } from './models/capabilities-of';
export { defaultModalities } from './models/default-modalities';
export { estimateImageCost, type ImageCostOptions } from './models/estimate-image-cost';
export { imageEndpointsPath } from './models/image-endpoints-path';
export type {
  ImageApi,
  ImageModel,
  ImageModelPricing,
  ParameterDescriptor,
} from './models/image-model';
export { imagePixelSize } from './models/image-pixel-size';
export {
  modelFiltersKey,
  normalizeModelFilters,
  withDefaultFilters,
} from './models/model-filters-key';
export { normalizeImagesModels } from './models/normalize-images-models';
export { normalizeModels } from './models/normalize-models';
export { resolveImageApi } from './models/resolve-image-api';
export {
  GENERATION_STATE_KEYS,
  GenerationObserver,
  type GenerationObserverOptions,
  type GenerationObserverSnapshot,
  type GenerationState,
  type GenerationStateKey,
  type KeepImages,
  type ShownImages,
  type ShownImagesHolder,
} from './observer/generation-observer';
export {
  ModelsObserver,
  type ModelsObserverOptions,
  type ModelsRefetchResult,
  type ModelsResult,
} from './observer/models-observer';
export {
  type BuildChatRequestOptions,
  buildChatRequest,
  type ChatHttpRequest,
} from './request/build-chat-request';
export {
  type BuildImagesRequestOptions,
  buildImagesRequest,
  type ImagesHttpRequest,
} from './request/build-images-request';
export {
  type Dialect,
  type DialectHeaderOptions,
  type DialectName,
  getDialect,
  lunosDialect,
  type ModelFilters,
  openRouterDialect,
} from './request/dialect';
export {
  type GenerateImageVariables,
  generateImageVariablesSchema,
  type ReferenceImage,
} from './request/generate-image-variables';
export {
  type ChatMessage,
  type ChatRequest,
  type ContentPart,
  chatMessageSchema,
  chatRequestSchema,
  contentPartSchema,
  type Modality,
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
  ASPECT_RATIOS,
  type AspectRatio,
  aspectRatioSchema,
  EXTENDED_ASPECT_RATIOS,
  IMAGE_SIZES,
  type ImageConfig,
  type ImageSize,
  imageConfigSchema,
  imageSizeSchema,
  STANDARD_ASPECT_RATIOS,
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
export {
  IMAGES_ASPECT_RATIOS,
  IMAGES_BACKGROUNDS,
  IMAGES_OUTPUT_FORMATS,
  IMAGES_QUALITIES,
  IMAGES_RESOLUTIONS,
  type ImagesAspectRatio,
  type ImagesBackground,
  type ImagesOutputFormat,
  type ImagesQuality,
  type ImagesRequest,
  type ImagesResolution,
  imagesRequestSchema,
  MAX_INPUT_REFERENCES,
} from './schemas/images-request-schema';
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
export {
  createSseParser,
  type SseParser,
  type SseParserOptions,
} from './sse/create-sse-parser';
export { decodeSse, type SseSource } from './sse/decode-sse';
export { SseDecoderStream } from './sse/sse-decoder-stream';
export type { SseItem } from './sse/sse-item';
export {
  type FinishReason,
  type GenerationCallbacks,
  type GenerationSnapshot,
  type GenerationStatus,
  GenerationStore,
  type GenerationStoreOptions,
} from './store/generation-store';
export { isRunning } from './store/is-running';
export {
  DEFAULT_MODELS_STALE_TIME,
  ModelsQuery,
  type ModelsQueryOptions,
  type ModelsSnapshot,
  type ModelsStatus,
  ModelsStore,
  modelsStoreOf,
} from './store/models-store';
export { Subscribable } from './store/subscribable';
export { foldImageStream } from './stream/fold-image-stream';
export type { ImageEventOptions } from './stream/image-event-builder';
export type { ImageGenerationResult } from './stream/image-generation-result';
export type { PartialImage } from './stream/image-result-accumulator';
export type { ImagePolicy, ImageStreamEvent, ImageUsage } from './stream/image-stream-event';
export {
  ImageStreamInterpreter,
  type ImageStreamInterpreterOptions,
} from './stream/image-stream-interpreter';
export { imagesResponseToEvents } from './stream/images-response-to-events';
export { ImagesStreamInterpreter } from './stream/images-stream-interpreter';
export { parseEventJson } from './stream/parse-event-json';
export { responseToEvents } from './stream/response-to-events';
export type { StreamInterpreter } from './stream/stream-interpreter';
export { toImageGenerationResult } from './stream/to-image-generation-result';
