import type { DialectName } from '@lunos-image/core';

/**
 * Where requests go. `mock`: the msw service worker in this tab (no network). `server`: a
 * `lunos-image-mock serve` on localhost. `live`: the provider itself, or a proxy in front of it.
 * The API key lives only in this object, in memory: it is never put in the URL, storage or logs.
 */
export type Connection =
  | { mode: 'mock'; dialect: DialectName }
  | { mode: 'server'; dialect: DialectName; serverUrl: string }
  | {
      mode: 'live';
      dialect: DialectName;
      apiKey: string | undefined;
      /** A proxy that adds the key on the server side; empty means the provider's own URL. */
      baseURL: string | undefined;
    };

export type ConnectionMode = Connection['mode'];

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4010';

export const DIALECT_LABELS: Record<DialectName, string> = {
  lunos: 'Lunos',
  openrouter: 'OpenRouter',
};

export const MODE_LABELS: Record<ConnectionMode, string> = {
  mock: 'Built-in mock',
  server: 'Mock server',
  live: 'Live API',
};

/** Short label for the header and the run history, e.g. `Built-in mock · Lunos`. */
export function connectionLabel(connection: Connection): string {
  const via = connection.mode === 'live' && connection.baseURL ? ' via proxy' : '';
  return `${MODE_LABELS[connection.mode]} · ${DIALECT_LABELS[connection.dialect]}${via}`;
}
