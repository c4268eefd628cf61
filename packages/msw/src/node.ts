export { UpstreamBodyTooLargeError } from './errors/upstream-body-too-large-error';
export { type ExtractedBlobs, externalizeImages } from './node/externalize-images';
export { loadFixtureSet, shippedFixturesDir } from './node/load-fixture-set';
export { createRedactor } from './node/redact-recording';
export { SseBlockRecorder } from './node/sse-block-recorder';
export {
  type MockServer,
  type MockServerOptions,
  scenarioSchema,
  startMockServer,
} from './node/start-mock-server';
export { type Recorder, type RecorderOptions, startRecorder } from './node/start-recorder';
export { type WriteFixtureOptions, writeFixture } from './node/write-fixture';
