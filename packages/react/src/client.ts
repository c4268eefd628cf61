'use client';
// The client half of the package: hooks and the provider. The build keeps this module separate
// (with its directive), so that index.js and imageModelsQueryOptions stay usable on the server.
export type { KeepImages } from '@lunos-image/core';
export type {
  GeneratedImageView,
  ImageGenerationState,
  ImageSlotView,
  PartialImageView,
} from './image-views';
export { LunosImageContext } from './lunos-image-context';
export { LunosImageProvider, type LunosImageProviderProps } from './lunos-image-provider';
export { MissingClientError } from './missing-client-error';
export {
  type UseImageGenerationOptions,
  type UseImageGenerationResult,
  useImageGeneration,
} from './use-image-generation';
export {
  type ImageModelsRefetchResult,
  type UseImageModelsOptions,
  type UseImageModelsResult,
  useImageModels,
} from './use-image-models';
export { useLunosImageClient } from './use-lunos-image-client';
