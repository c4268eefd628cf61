/**
 * `@lunos-image/msw/node`: the Node-only parts: fixtures from a folder, the mock as a localhost
 * server, the recorder, and their errors.
 */
export { FixtureFolderError } from './errors/fixture-folder-error';
export { PortInUseError } from './errors/port-in-use-error';
export { type SecretFinding, SecretLeakError } from './errors/secret-leak-error';
export { UpstreamBodyTooLargeError } from './errors/upstream-body-too-large-error';
export { loadFixtureSet, shippedFixturesDir } from './node/load-fixture-set';
export {
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from './node/start-mock-server';
export { type Recorder, type RecorderOptions, startRecorder } from './node/start-recorder';
