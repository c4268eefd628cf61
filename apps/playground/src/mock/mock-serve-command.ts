/**
 * How to start a mock server that can answer every scenario of the Mock panel: without
 * `--fixtures` it has no recordings, and the recorded scenarios fail with "Unknown fixture".
 */
export const MOCK_SERVE_COMMAND =
  'npx lunos-image-mock serve --port 4010 --fixtures path/to/lunos-image/fixtures';
