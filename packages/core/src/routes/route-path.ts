import { ROUTES, type RouteName } from './route-table';

/**
 * A route's path below the base URL with its `{name}` segments filled in, each encoded, so a
 * value cannot add a segment or a query: `routePath('image-endpoints', { author: 'openai', slug:
 * 'gpt-image-1' })` is `/images/models/openai/gpt-image-1/endpoints`.
 */
export function routePath(name: RouteName, params: Readonly<Record<string, string>> = {}): string {
  return ROUTES[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new TypeError(`routePath(${name}): no value for {${key}}`);
    return encodeURIComponent(value);
  });
}
