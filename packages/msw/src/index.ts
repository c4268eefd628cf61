export {
  type ApiErrorAnswer,
  type ApiErrorOptions,
  apiErrorAnswer,
} from './catalogue/api-error-answer';
export { imageDimensions } from './catalogue/image-dimensions';
export { MOCK_MODELS, type MockModel } from './catalogue/mock-models';
export { toLunosModel } from './catalogue/to-lunos-model';
export { toOpenRouterModel } from './catalogue/to-open-router-model';
export { BlobNotFoundError } from './errors/blob-not-found-error';
export { FixtureFolderError } from './errors/fixture-folder-error';
export { FixtureNotFoundError } from './errors/fixture-not-found-error';
export { InvalidFixtureError, type InvalidFixtureIssue } from './errors/invalid-fixture-error';
export { MockOptionsError } from './errors/mock-options-error';
export { PortInUseError } from './errors/port-in-use-error';
export { RequestTooLargeError } from './errors/request-too-large-error';
export { type SecretFinding, SecretLeakError } from './errors/secret-leak-error';
export { type BlobRef, blobExtension, formatBlobRef, parseBlobRef } from './fixture/blob-ref';
export {
  DEFAULT_MATCH_FIELDS,
  FIXTURE_VERSION,
  type Fixture,
  type FixtureBody,
  type FixtureDialect,
  type FixtureInput,
  fixtureSchema,
  type MatchField,
  type SseFixtureEvent,
  sseEventSchema,
} from './fixture/fixture-schema';
export { createFixtureSet, type FixtureSet, type FixtureSetInput } from './fixture/fixture-set';
export { type FixtureGlobs, fixtureSetFromGlob } from './fixture/fixture-set-from-glob';
export { parseFixture } from './fixture/parse-fixture';
export { createHandlers } from './handlers/create-handlers';
export {
  createLunosMock,
  type LunosMock,
  type LunosMockOptions,
  MOCK_HEADERS,
} from './handlers/create-lunos-mock';
export type { MockCall, MockRoute, MockScenario } from './handlers/mock-types';
export {
  type PictureSpec,
  renderPicture,
  SCENE_NAMES,
  type SceneName,
} from './picture/render-picture';
export { sceneForPrompt } from './picture/scene-for-prompt';
export { encodePng, type IndexedImage } from './png/encode-png';
export { type Chunking, type ChunkingSpec, chunkingSchema } from './replay/chunking-schema';
export { type Clock, realClock } from './replay/clock';
export { type Fault, type FaultType, faultSchema } from './replay/fault-schema';
export { parseChunkingSpec } from './replay/parse-chunking-spec';
export { parseFaultSpec } from './replay/parse-fault-spec';
export { parseTimingSpec } from './replay/parse-timing-spec';
export { type LineEnding, type ReplayOptions, replay } from './replay/replay';
export { type BlobLoader, findBlobRefs, resolveBlobs } from './replay/resolve-blobs';
export { serializeSseEvent } from './replay/serialize-sse-event';
export { type Timing, timingSchema } from './replay/timing-schema';
