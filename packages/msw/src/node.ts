export { type ExtractedBlobs, externalizeImages } from './node/externalize-images';
export { loadFixtureSet } from './node/load-fixture-set';
export {
  type MockServer,
  type MockServerOptions,
  scenarioSchema,
  startMockServer,
} from './node/start-mock-server';
export { type WriteFixtureOptions, writeFixture } from './node/write-fixture';
