import { routePath } from '../../routes/route-path';
import { ROUTES } from '../../routes/route-table';
import { filterModelList } from '../filter-model-list';
import { readLimitedBody } from '../read-limited-body';
import { refuse } from '../refuse';
import type { RouteServer } from '../route-server';

const MAX_MODEL_LIST_BYTES = 16 * 1024 * 1024;

/**
 * A model listing (`GET /models`, `GET /images/models`): relayed as it comes, or, with
 * `allowModels`, read whole (bounded) and answered with the allowed entries only.
 */
export const serveModelList: RouteServer = (request, { name, search }, context) =>
  context.relay.send(
    request,
    {
      method: ROUTES[name].method,
      path: `${routePath(name)}${search}`,
      accept: 'application/json',
    },
    context.filtersModels
      ? async (upstream, headers) => {
          try {
            const body = await readLimitedBody(upstream.body, MAX_MODEL_LIST_BYTES);
            const filtered =
              'bytes' in body
                ? filterModelList(
                    JSON.parse(new TextDecoder().decode(body.bytes)),
                    context.isAllowed,
                  )
                : undefined;
            if (filtered === undefined) throw new Error('unreadable model list');
            return new Response(JSON.stringify(filtered), {
              status: upstream.status,
              headers: { ...headers, 'content-type': 'application/json' },
            });
          } catch {
            return refuse(
              502,
              'invalid_upstream_answer',
              'The provider sent a model list this server cannot read',
            );
          }
        }
      : undefined,
  );
