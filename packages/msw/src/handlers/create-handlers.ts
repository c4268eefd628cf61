import type { HttpHandler } from 'msw';
import { createLunosMock, type LunosMockOptions } from './create-lunos-mock';

/**
 * Plain msw handlers for `setupServer` / `setupWorker`. Use {@link createLunosMock} instead when
 * a test needs the call log or scenarios.
 */
export function createHandlers(options: LunosMockOptions = {}): HttpHandler[] {
  return createLunosMock(options).handlers;
}
