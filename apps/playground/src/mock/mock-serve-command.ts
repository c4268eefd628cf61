/**
 * How to start a mock server that can answer every scenario of the Mock panel: it replays the
 * recordings @lunos-image/msw ships unless started with `--no-fixtures` or its own `--fixtures`
 * folder, and then the recorded scenarios fail with "Unknown fixture".
 */
export const MOCK_SERVE_COMMAND = 'npx lunos-image-mock serve --port 4010';
