/** The cookie holding a visitor's anonymous id: the key of their budget, rate and jobs. */
export const VISITOR_COOKIE = 'lunos_visitor';

const VISITOR = new RegExp(`(?:^|;\\s*)${VISITOR_COOKIE}=([0-9a-f-]{36})(?:;|$)`);

/** The visitor's id from the request's cookie; undefined without one (the limits refuse it). */
export function visitorIdOf(request: Request): string | undefined {
  return VISITOR.exec(request.headers.get('cookie') ?? '')?.[1];
}

/**
 * `handler` giving a visitor without an id a new one: a random UUID in an httpOnly, same-site
 * cookie on the handler's path, set on the answer to their first request (the model list, which
 * the page asks for before Generate can be pressed). The page never reads it.
 */
export function withVisitorCookie(
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await handler(request);
    if (visitorIdOf(request) !== undefined) return response;
    const answer = new Response(response.body, response);
    const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
    answer.headers.append(
      'set-cookie',
      `${VISITOR_COOKIE}=${crypto.randomUUID()}; Path=/api/lunos; HttpOnly; SameSite=Strict; Max-Age=31536000${secure}`,
    );
    return answer;
  };
}
