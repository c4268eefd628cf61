import type { FaultScenario } from './fault-scenarios';

/**
 * What the mock can be told to do to the next Images API generation (`POST /images`): the API's
 * error answers as OpenRouter words them for this route, and its stream faults. The fixtures are
 * the ones @lunos-image/msw ships (fixtures/errors, fixtures/images).
 */
export const IMAGES_SCENARIOS: readonly FaultScenario[] = [
  {
    id: 'images-no-credits',
    label: '402 · No credits',
    hint: 'The account cannot pay for the images.',
    group: 'API errors',
    api: 'images',
    scenario: { faults: [{ type: 'http-error', status: 402 }] },
  },
  {
    id: 'images-rate-limited',
    label: '429 · Rate limited',
    hint: 'Too many requests, with a Retry-After header.',
    group: 'API errors',
    api: 'images',
    scenario: { faults: [{ type: 'http-error', status: 429 }] },
  },
  {
    id: 'images-not-finished',
    label: '502 · Not finished',
    hint: 'The provider did not finish the images, so nothing was billed.',
    group: 'API errors',
    api: 'images',
    scenario: { fixture: 'errors/images-502-not-finished' },
  },
  {
    id: 'images-timeout',
    label: '524 · Provider timed out',
    hint: 'The provider took too long to answer.',
    group: 'API errors',
    api: 'images',
    scenario: { faults: [{ type: 'http-error', status: 524 }] },
  },
  {
    id: 'images-overloaded',
    label: '529 · Overloaded',
    hint: 'The provider is overloaded.',
    group: 'API errors',
    api: 'images',
    scenario: { faults: [{ type: 'http-error', status: 529 }] },
  },
  {
    id: 'images-in-stream-error',
    label: 'Error mid-stream',
    hint: 'One preview, then an error event inside the 200 stream; nothing is billed.',
    group: 'Stream faults',
    api: 'images',
    scenario: { fixture: 'images/in-stream-error-stream' },
  },
  {
    id: 'images-one-fails',
    label: 'One image fails',
    hint: 'The first image arrives, then an error event ends the next one: the image that came is kept, the rest are not made.',
    group: 'Stream faults',
    api: 'images',
    // After the keep-alive, the first image's two previews and the image itself: the stream the
    // mock draws for a model that streams (GPT Image). Needs two images or more to show a slot
    // failing beside one that came.
    scenario: {
      faults: [
        {
          type: 'in-band-error',
          afterEvents: 4,
          message: 'The provider could not finish this image',
        },
      ],
    },
  },
  {
    id: 'images-text-only',
    label: 'Text, no image',
    hint: 'The model answers with a sentence and no image.',
    group: 'Stream faults',
    api: 'images',
    scenario: { fixture: 'images/text-only' },
  },
  {
    id: 'images-network-error',
    label: 'Network error',
    hint: 'The request fails before any answer.',
    group: 'Stream faults',
    api: 'images',
    scenario: { faults: [{ type: 'network-error' }] },
  },
];
