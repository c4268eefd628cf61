import { ROUTES, type RouteName } from '@lunos-image/core/internal';
import { MockOptionsError } from '../errors/mock-options-error';
import type { MockRoute } from './mock-types';

const isMockRoute = (name: RouteName): name is MockRoute => ROUTES[name].servedBy === 'upstream';

/**
 * The routes the mock answers, from core's route table, longest path first: msw tries handlers in
 * order, and `*` before `/models` would also take `…/images/models`.
 */
export const MOCK_ROUTES: readonly MockRoute[] = (Object.keys(ROUTES) as RouteName[])
  .filter(isMockRoute)
  .sort((a, b) => ROUTES[b].path.split('/').length - ROUTES[a].path.split('/').length);

/** The routes under one prefix (`*` for any path before them), `{name}` written as msw's `:name`. */
function pathsUnder(prefix: string): Record<MockRoute, string> {
  return Object.fromEntries(
    MOCK_ROUTES.map((name) => [name, prefix + ROUTES[name].path.replace(/\{(\w+)\}/g, ':$1')]),
  ) as Record<MockRoute, string>;
}

/**
 * The msw paths of the routes. A path base gets a leading `*`: msw matches a relative path
 * against `location` (and against nothing in Node), while `baseURL: '/api/lunos'` means any origin.
 */
export function routePaths(baseURL: string | undefined): Record<MockRoute, string> {
  if (baseURL === undefined) return pathsUnder('*');
  const bad = (why: string): never => {
    throw new MockOptionsError('baseURL', `${why}: ${JSON.stringify(baseURL)}`);
  };
  let prefix: string;
  let path: string;
  if (/^https?:\/\//i.test(baseURL)) {
    let url: URL;
    try {
      url = new URL(baseURL);
    } catch {
      return bad('not a URL');
    }
    if (url.search || url.hash) bad('a query or a fragment cannot be matched');
    path = url.pathname.replace(/\/+$/, '');
    prefix = `${url.origin}${path}`;
  } else if (baseURL.startsWith('/')) {
    path = baseURL.replace(/\/+$/, '');
    prefix = `*${path}`;
  } else {
    return bad('must be a path starting with / or an http(s) URL');
  }
  // msw reads these as wildcards, parameters or groups.
  if (/[*:?#(){}]/.test(path)) bad('a path with *, :, ?, #, () or {} cannot be matched');
  return pathsUnder(prefix);
}
