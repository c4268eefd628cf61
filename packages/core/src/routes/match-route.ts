import { ROUTES, type RouteName } from './route-table';

/** A path matched to the table: every route on that path (one per method) and its parameters. */
export interface RouteMatch {
  /** The routes whose path this is; several when a path takes several methods. */
  readonly names: readonly RouteName[];
  /** Decoded `{name}` segments. */
  readonly params: Readonly<Record<string, string>>;
  /** The matched part of the path, from the route's first segment (`/images/models`). */
  readonly path: string;
}

interface CompiledPath {
  readonly segments: readonly string[];
  readonly names: RouteName[];
}

/** Paths with more segments first: `…/images/models` must not be taken for `…/models`. */
const PATHS: readonly CompiledPath[] = (() => {
  const byPath = new Map<string, CompiledPath>();
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const path = ROUTES[name].path;
    const known = byPath.get(path);
    if (known) known.names.push(name);
    else byPath.set(path, { segments: path.split('/').slice(1), names: [name] });
  }
  return [...byPath.values()].sort((a, b) => b.segments.length - a.segments.length);
})();

/** One `{name}` segment's value, or undefined when it is not one (empty, dot, undecodable). */
function paramValue(raw: string): string | undefined {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return value === '' || value === '.' || value === '..' || value.includes('/') ? undefined : value;
}

/** How a path's segments fit a route's: not at all, or with its parameters (or the one that is bad). */
function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): { params: Record<string, string> } | { badParam: string } | undefined {
  const params: Record<string, string> = {};
  let badParam: string | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = segments[i] as string;
    if (want.startsWith('{')) {
      const value = paramValue(got);
      if (value === undefined) badParam ??= want.slice(1, -1);
      else params[want.slice(1, -1)] = value;
    } else if (want !== got) return undefined;
  }
  return badParam === undefined ? { params } : { badParam };
}

/** A path shaped like a route whose `{name}` segment is not a value (`..`, `a%2Fb`, undecodable). */
export interface RouteParamMismatch {
  readonly names: readonly RouteName[];
  /** The parameter that is not one segment's value (`author`). */
  readonly badParam: string;
  readonly path: string;
}

/**
 * `matchRoute`, telling apart a path that names no route from one that names a route with a
 * parameter that cannot be one (the route handler answers the first 404, the second 400).
 */
export function findRoute(
  pathname: string,
  basePath?: string,
): RouteMatch | RouteParamMismatch | undefined {
  let rest = pathname.replace(/\/+$/, '');
  if (basePath !== undefined) {
    const base = basePath.replace(/\/+$/, '');
    if (!rest.startsWith(`${base}/`)) return undefined;
    rest = rest.slice(base.length);
  }
  const segments = rest.split('/').slice(1);
  for (const compiled of PATHS) {
    const length = compiled.segments.length;
    if (segments.length < length || (basePath !== undefined && segments.length !== length)) {
      continue;
    }
    const tail = segments.slice(segments.length - length);
    const found = matchSegments(compiled.segments, tail);
    if (found) return { names: compiled.names, ...found, path: `/${tail.join('/')}` };
  }
  return undefined;
}

/**
 * The route a request path names. With `basePath` (`/api/lunos`) the route must sit exactly
 * below it; without one it is recognised by how the path ends (`/anything/v1/chat/completions`),
 * the way the client's `baseURL` can be any prefix. A trailing slash is ignored. A path parameter
 * that would step out of its segment matches nothing.
 */
export function matchRoute(pathname: string, basePath?: string): RouteMatch | undefined {
  const found = findRoute(pathname, basePath);
  return found && 'params' in found ? found : undefined;
}
