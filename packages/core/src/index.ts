export { LunosImageError, type LunosImageErrorOptions } from './errors/lunos-image-error';
