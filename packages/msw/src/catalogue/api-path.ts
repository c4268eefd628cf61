import { getDialect, routePath } from '@lunos-image/core/internal';
import type { FixtureDialect } from '../fixture/fixture-schema';
import type { MockRoute } from '../handlers/mock-types';

/** The path of the dialect's own API base: `/api/v1` (OpenRouter), `/v1` (Lunos). */
export const apiBase = (dialect: FixtureDialect): string =>
  new URL(getDialect(dialect).defaultBaseURL).pathname;

/**
 * A route's path under the dialect's own API base (`/api/v1/images` for OpenRouter's Images API,
 * `/v1/chat/completions` for Lunos's chat): the path a reconstructed fixture says it answers.
 */
export function apiPath(
  dialect: FixtureDialect,
  route: MockRoute,
  params?: Readonly<Record<string, string>>,
): string {
  return apiBase(dialect) + routePath(route, params);
}
