import { createLunosImageClient, type LunosImageClient } from '@lunos-image/core';
import { MOCK_API_ORIGIN_PATH } from '../mock/mock-api-path';
import { apiBaseUrl } from './api-base-url';
import type { Connection } from './connection';

/**
 * The client for a connection. Retries are off: a playground shows each failure as it happens
 * (with the server's retry time) instead of waiting behind a spinner for up to a minute; an app
 * should keep the client's default retries.
 */
export function createPlaygroundClient(
  connection: Connection,
  /** Extra headers on every request (a compare column's mock scenario). */
  headers?: Record<string, string>,
): LunosImageClient {
  const common = {
    dialect: connection.dialect,
    maxRetries: 0,
    appId: 'lunos-image-playground',
    ...(headers && { headers }),
  };
  switch (connection.mode) {
    case 'mock':
      return createLunosImageClient({
        ...common,
        baseURL: apiBaseUrl(`${window.location.origin}${MOCK_API_ORIGIN_PATH}`, connection.dialect),
      });
    case 'server':
      return createLunosImageClient({
        ...common,
        baseURL: apiBaseUrl(connection.serverUrl, connection.dialect),
      });
    case 'live':
      return createLunosImageClient({
        ...common,
        title: 'lunos-image playground',
        ...(connection.baseURL
          ? { baseURL: connection.baseURL }
          : connection.apiKey
            ? {}
            : // No key in the page: the dev server's route handler adds the one in its environment.
              { baseURL: `${window.location.origin}/api/lunos/${connection.dialect}` }),
        ...(connection.apiKey
          ? // The user typed this key into this tab, for this tab: the documented exception.
            { apiKey: connection.apiKey, dangerouslyAllowBrowser: true }
          : {}),
      });
  }
}
