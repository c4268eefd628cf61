import { randomUUID } from 'node:crypto';
import type { NodeListener } from '../../packages/core/src/server/node/index.ts';
import { VISITOR_COOKIE } from './src/connection/live-limits.ts';

const VISITOR = new RegExp(`(?:^|;\\s*)${VISITOR_COOKIE}=([0-9a-f-]{36})(?:;|$)`);

/** The visitor's anonymous id from the request's cookie, or undefined (refused by the limits). */
export function visitorIdOf(request: Request): string | undefined {
  return VISITOR.exec(request.headers.get('cookie') ?? '')?.[1];
}

/**
 * `listener` with a visitor id given to whoever has none: a random UUID in an httpOnly,
 * same-site cookie on the route handler's path, set on the answer (the model list comes first),
 * so the page never reads it and every later request carries it.
 */
export function withVisitorCookie(listener: NodeListener): NodeListener {
  return (req, res) => {
    if (!VISITOR.test(req.headers.cookie ?? '')) {
      res.setHeader(
        'set-cookie',
        `${VISITOR_COOKIE}=${randomUUID()}; Path=/api/lunos; HttpOnly; SameSite=Strict; Max-Age=31536000`,
      );
    }
    return listener(req, res);
  };
}
