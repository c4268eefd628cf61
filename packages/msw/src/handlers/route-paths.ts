import { MockOptionsError } from '../errors/mock-options-error';
import type { MockRoute } from './mock-types';

/** The routes under one prefix (`*` for any path before them). */
function pathsUnder(prefix: string): Record<MockRoute, string> {
  return {
    chat: `${prefix}/chat/completions`,
    models: `${prefix}/models`,
    images: `${prefix}/images`,
    'image-models': `${prefix}/images/models`,
    'image-endpoints': `${prefix}/images/models/:author/:slug/endpoints`,
  };
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
