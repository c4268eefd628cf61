import { matchRoute, ROUTES } from '@lunos-image/core/internal';
import type { MockRoute } from './mock-types';

/**
 * The route of the API a request names, read from core's route table by its method and path
 * (any base before the route, as the mock answers): `POST /api/v1/images` is `images`. Undefined
 * for a path or method the API does not serve.
 */
export function requestRoute(method: string, path: string): MockRoute | undefined {
  return matchRoute(path)?.names.find(
    (name): name is MockRoute =>
      ROUTES[name].method === method.toUpperCase() && ROUTES[name].servedBy === 'upstream',
  );
}
