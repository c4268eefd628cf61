import { refuse } from './refuse';

/**
 * The query a route passes on: only the parameters it takes (`known`), each a plain value; any
 * other is refused, never passed on. `{ search }` is `?…` or `''`.
 */
export function checkQuery(
  url: URL,
  known: readonly string[],
): { search: string } | { refusal: Response } {
  const query = url.searchParams;
  for (const [name, value] of query) {
    if (!known.includes(name)) {
      return {
        refusal: refuse(
          400,
          'invalid_request',
          `Unknown query parameter ${JSON.stringify(name)} (known: ${known.join(', ') || 'none'})`,
        ),
      };
    }
    if (!/^[\w,.:-]{0,200}$/.test(value)) {
      return {
        refusal: refuse(400, 'invalid_request', `The query parameter ${name} has an invalid value`),
      };
    }
  }
  return { search: query.size > 0 ? `?${query}` : '' };
}
