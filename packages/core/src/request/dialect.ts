import { ValidationError } from '../errors/validation-error';
import type { ImageApi } from '../models/image-model';
import { withDefaultFilters } from '../models/model-filters-key';
import type { Modality } from '../schemas/chat-request-schema';

export type DialectName = 'lunos' | 'openrouter';

export interface ModelFilters {
  /**
   * Which catalog: `chat` (default, `GET /models`) or `images` (OpenRouter's Images API,
   * `GET /images/models` plus each model's endpoints: typed parameters and per-image prices).
   */
  api?: ImageApi | undefined;
  /** Input modalities the models must accept; default `['text']`. */
  input?: readonly Modality[];
  /** Output modalities the models must produce; default `['image']`. */
  output?: readonly Modality[];
}

export interface DialectHeaderOptions {
  /** Lunos: per-app analytics name, sent as `X-App-ID`. */
  appId?: string | undefined;
  /** OpenRouter: your app's URL, sent as `HTTP-Referer` (app attribution). */
  referer?: string | undefined;
  /** OpenRouter: your app's name, sent as `X-Title`. */
  title?: string | undefined;
}

/** What differs between Lunos and OpenRouter on the wire. */
export interface Dialect {
  name: DialectName;
  defaultBaseURL: string;
  /** The environment variable a server reads the key from when none is passed. */
  apiKeyVariable: 'LUNOS_API_KEY' | 'OPENROUTER_API_KEY';
  /** Query string of the model list filtered server-side (image-only models included). */
  modelsQuery(filters?: ModelFilters): string;
  headers(options: DialectHeaderOptions): Record<string, string>;
}

const list = (values: readonly string[]) => values.map(encodeURIComponent).join(',');

export const lunosDialect: Dialect = {
  name: 'lunos',
  defaultBaseURL: 'https://api.lunos.tech/v1',
  apiKeyVariable: 'LUNOS_API_KEY',
  modelsQuery: (filters) => {
    const { input, output } = withDefaultFilters(filters);
    return `?input=${list(input)}&output=${list(output)}`;
  },
  headers: ({ appId }): Record<string, string> => (appId ? { 'x-app-id': appId } : {}),
};

export const openRouterDialect: Dialect = {
  name: 'openrouter',
  defaultBaseURL: 'https://openrouter.ai/api/v1',
  apiKeyVariable: 'OPENROUTER_API_KEY',
  // The default list is text-output only: without output_modalities, image-only models are missing.
  modelsQuery: (filters) => {
    const { input, output } = withDefaultFilters(filters);
    return `?output_modalities=${list(output)}&input_modalities=${list(input)}`;
  },
  headers: ({ referer, title }) => ({
    ...(referer ? { 'http-referer': referer } : {}),
    ...(title ? { 'x-title': title } : {}),
  }),
};

const DIALECTS: Record<DialectName, Dialect> = {
  lunos: lunosDialect,
  openrouter: openRouterDialect,
};

export function getDialect(dialect: DialectName | Dialect = 'lunos'): Dialect {
  if (typeof dialect === 'object') return dialect;
  const found = DIALECTS[dialect];
  if (!found) {
    throw new ValidationError('dialect', [
      {
        path: 'dialect',
        code: 'invalid_value',
        allowed: ['lunos', 'openrouter'],
        message: `must be one of lunos, openrouter (got ${JSON.stringify(dialect)})`,
      },
    ]);
  }
  return found;
}
