import { imageEndpointsPath } from '../../models/image-endpoints-path';
import { ROUTES } from '../../routes/route-table';
import { refuse } from '../refuse';
import type { RouteServer } from '../route-server';

/** One model's endpoints listing (`GET /images/models/{author}/{slug}/endpoints`), allowed models only. */
export const serveEndpoints: RouteServer = async (request, { name, params, search }, context) => {
  const id = `${params.author}/${params.slug}`;
  let path: string;
  try {
    path = imageEndpointsPath(id);
  } catch {
    return refuse(400, 'invalid_request', 'The model id in the path is not author/slug');
  }
  if (!context.isAllowed(id)) {
    return refuse(403, 'model_not_allowed', `The model ${JSON.stringify(id)} is not allowed here`);
  }
  return context.relay.send(request, {
    method: ROUTES[name].method,
    path: `${path}${search}`,
    accept: 'application/json',
  });
};
