import type { Connection } from './connection';

/**
 * Whether the connection goes through the dev server's route handler (live, no key typed, no
 * proxy): the one place whose generations are jobs, resumable after a reload.
 */
export function usesRouteHandler(connection: Connection): boolean {
  return connection.mode === 'live' && !connection.apiKey && !connection.baseURL;
}
