import type { ImageModel } from '../models/image-model';
import type { Dialect, DialectHeaderOptions, DialectName } from './dialect';

/** Where and as whom a generation request goes; shared by the chat and the Images API builders. */
export interface GenerationRequestOptions extends DialectHeaderOptions {
  /** `lunos` (default) or `openrouter`. */
  dialect?: DialectName | Dialect | undefined;
  /** Default: the dialect's base URL. A proxy's URL works too (the key then stays on your server). */
  baseURL?: string | undefined;
  /** Extra headers, sent as given. */
  headers?: Record<string, string> | undefined;
  /**
   * The model's catalog entry, checked for support before anything is sent: on chat it decides
   * the default `modalities`; on the Images API its typed `parameters` are enforced.
   */
  model?: ImageModel | undefined;
}

/** A generation request ready for `fetch(url, { method, headers, body })`, without credentials. */
export interface GenerationHttpRequest<TJson> {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  /** The body before serialisation. */
  json: TJson;
  /** Things worth knowing that did not stop the request (chat: settings sent unless `strict`). */
  warnings: string[];
}
