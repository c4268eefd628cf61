/**
 * `@lunos-image/msw`: the mock's msw handlers and what configuring them takes; it runs in browsers,
 * workers and Node. Node-only parts (loading a fixtures folder, the server, the recorder) are in
 * `@lunos-image/msw/node`.
 */
export { BlobNotFoundError } from './errors/blob-not-found-error';
export { FixtureNotFoundError } from './errors/fixture-not-found-error';
export { InvalidFixtureError } from './errors/invalid-fixture-error';
export { MockOptionsError } from './errors/mock-options-error';
export type { Fixture } from './fixture/fixture-schema';
export { createFixtureSet, type FixtureSet, type FixtureSetInput } from './fixture/fixture-set';
export { type FixtureGlobs, fixtureSetFromGlob } from './fixture/fixture-set-from-glob';
export { createHandlers } from './handlers/create-handlers';
export {
  createLunosMock,
  type LunosMock,
  type LunosMockOptions,
  MOCK_HEADERS,
} from './handlers/create-lunos-mock';
export type { MockCall, MockRoute, MockScenario } from './handlers/mock-types';
export type { Chunking } from './replay/chunking-schema';
export { type Clock, realClock } from './replay/clock';
export type { Fault } from './replay/fault-schema';
export type { LineEnding } from './replay/replay';
export type { Timing } from './replay/timing-schema';
