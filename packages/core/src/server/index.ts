export {
  createLunosImageHandler,
  type LunosImageHandler,
} from './create-lunos-image-handler';
export {
  type AuthorizeResult,
  DEFAULT_HANDLER_LIMITS,
  type LunosImageHandlerLimits,
  type LunosImageHandlerOptions,
} from './lunos-image-handler-options';
export type { ModelAllowList } from './model-matcher';
