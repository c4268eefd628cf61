import { createLunosMock, fixtureSetFromGlob, type LunosMock, type Timing } from '@lunos-image/msw';
import { parseTimingSpec } from '@lunos-image/msw/internal';
import { http, passthrough } from 'msw';
import { setupWorker } from 'msw/browser';
import { MOCK_API_ORIGIN_PATH } from './mock-api-path';

// The fixture set @lunos-image/msw ships, globbed from the package in node_modules (`/` is this
// app's root) as its README shows: the JSON is bundled, each image file is fetched from its own
// URL the first time a replay needs it. `images/` holds the Images API answers the Mock panel
// queues by id; `models/` nests each image model's endpoints (their prices and parameters).
const fixtureJson = import.meta.glob(
  [
    '/node_modules/@lunos-image/msw/fixtures/{chat,errors,images}/*.json',
    '/node_modules/@lunos-image/msw/fixtures/models/**/*.json',
  ],
  { eager: true, import: 'default' },
);
const blobUrls = import.meta.glob<string>('/node_modules/@lunos-image/msw/fixtures/blobs/*', {
  eager: true,
  query: '?url',
  import: 'default',
});

/** `?mockTiming=speed=8` (tests, impatient people); the default replays the recorded gaps. */
export function mockTimingFrom(search: string): Timing {
  const spec = new URLSearchParams(search).get('mockTiming');
  return spec ? parseTimingSpec(spec, 'mockTiming') : 'realtime';
}

let started: Promise<LunosMock> | undefined;

/**
 * Starts (once per page) the msw service worker with the `@lunos-image/msw` handlers. Only
 * requests under {@link MOCK_API_ORIGIN_PATH} of this origin are answered; everything else (the
 * app's own files, a mock server, a live provider) passes through untouched.
 */
export function startBrowserMock(timing: Timing): Promise<LunosMock> {
  started ??= (async () => {
    const mock = createLunosMock({
      fixtures: fixtureSetFromGlob({ fixtures: fixtureJson, blobUrls }),
      timing,
    });
    const prefix = `${window.location.origin}${MOCK_API_ORIGIN_PATH}/`;
    const gate = http.all('*', ({ request }) =>
      request.url.startsWith(prefix) ? undefined : passthrough(),
    );
    const worker = setupWorker(gate, ...mock.handlers);
    await worker.start({
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
      onUnhandledRequest: 'bypass',
      // The playground shows its own request log; msw's console groups would only add noise.
      quiet: true,
    });
    return mock;
  })();
  // A failed start (no service worker support, a blocked registration) can be retried.
  started.catch(() => {
    started = undefined;
  });
  return started;
}
