export * from './client.js';
export {
  type ImageModelsQueryKeyParams,
  type ImageModelsQueryOptions,
  imageModelsQueryOptions,
} from './image-models-query-options';
