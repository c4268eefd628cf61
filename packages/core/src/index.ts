export {
  InvalidImageError,
  type InvalidImageErrorOptions,
  type InvalidImageReason,
} from './errors/invalid-image-error';
export { LunosImageError, type LunosImageErrorOptions } from './errors/lunos-image-error';
export { decodeBase64, encodeBase64 } from './image/base64';
export { type ParsedDataUrl, parseDataUrl } from './image/parse-data-url';
export { type ImageMimeType, sniffImageType } from './image/sniff-image-type';
