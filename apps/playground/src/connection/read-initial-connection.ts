import type { DialectName } from '@lunos-image/core';
import { type Connection, DEFAULT_SERVER_URL } from './connection';

/**
 * The connection the page opens with, from its query string (`?mode=server&dialect=openrouter
 * &server=http://127.0.0.1:4010`), so a link can open the playground on the mock server. A key is
 * never read from the URL: the live mode always starts without one.
 */
export function readInitialConnection(search: string): Connection {
  const params = new URLSearchParams(search);
  const dialect: DialectName = params.get('dialect') === 'openrouter' ? 'openrouter' : 'lunos';
  switch (params.get('mode')) {
    case 'server':
      return { mode: 'server', dialect, serverUrl: params.get('server') || DEFAULT_SERVER_URL };
    case 'live':
      return { mode: 'live', dialect, apiKey: undefined, baseURL: undefined };
    default:
      return { mode: 'mock', dialect };
  }
}
