/**
 * `@lunos-image/core/internal`: what our own packages share with core and users do not need. No
 * compatibility promise: names here change with any release. Each name has a user:
 * `@lunos-image/msw` (routes, wire schemas, dialects, model lists, base64, redaction, `sleep`,
 * `readLimitedBody`), the playground's end-to-end tests (the model-list normalizers,
 * `applyImageEndpoints`, `sniffImageType`: they read the fixtures as the client would) and the
 * bench (`parseEventJson`, the parse step it times on its own).
 */
export { sleep } from './client/sleep';
export { redactText, secretRuns } from './errors/redact-secret';
export { decodeBase64, encodeBase64 } from './image/base64';
export { sniffImageType } from './image/sniff-image-type';
export { applyImageEndpoints } from './models/apply-image-endpoints';
export { imageEndpointsPath } from './models/image-endpoints-path';
export { normalizeImagesModels } from './models/normalize-images-models';
export { normalizeModels } from './models/normalize-models';
export { getDialect } from './request/dialect';
export { matchRoute } from './routes/match-route';
export { routePath } from './routes/route-path';
export { ROUTES, type RouteName } from './routes/route-table';
export { chatRequestSchema } from './schemas/chat-request-schema';
export { chatResponseSchema } from './schemas/chat-response-schema';
export { errorBodySchema } from './schemas/error-body-schema';
export { lunosModelListSchema } from './schemas/lunos-model-list-schema';
export { openRouterModelListSchema } from './schemas/openrouter-model-list-schema';
export { streamChunkSchema } from './schemas/stream-chunk-schema';
export { readLimitedBody } from './server/read-limited-body';
export { parseEventJson } from './stream/parse-event-json';
