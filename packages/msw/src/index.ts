export { BlobNotFoundError } from './errors/blob-not-found-error';
export { FixtureFolderError } from './errors/fixture-folder-error';
export { FixtureNotFoundError } from './errors/fixture-not-found-error';
export { InvalidFixtureError, type InvalidFixtureIssue } from './errors/invalid-fixture-error';
export { MockOptionsError } from './errors/mock-options-error';
export { PortInUseError } from './errors/port-in-use-error';
export { RequestTooLargeError } from './errors/request-too-large-error';
export { type SecretFinding, SecretLeakError } from './errors/secret-leak-error';
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
export type { Chunking, ChunkingSpec } from './replay/chunking-schema';
export { type Clock, realClock } from './replay/clock';
export type { Fault, FaultType } from './replay/fault-schema';
export { parseChunkingSpec } from './replay/parse-chunking-spec';
export { parseFaultSpec } from './replay/parse-fault-spec';
export { parseTimingSpec } from './replay/parse-timing-spec';
export { type LineEnding, type ReplayOptions, replay } from './replay/replay';
export type { Timing } from './replay/timing-schema';
