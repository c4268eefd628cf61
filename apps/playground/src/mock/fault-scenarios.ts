import type { AspectRatio, ImageApi, ImageSize } from '@lunos-image/core';
import type { MockScenario } from '@lunos-image/msw';

export interface FaultScenario {
  id: string;
  label: string;
  /** What the mock will do, shown under the picker. */
  hint: string;
  group: 'API errors' | 'Stream faults' | 'Recordings';
  /** The wire it answers: chat completions, or the Images API's `POST /images`. */
  api: ImageApi;
  /** What is queued on the mock for the next generation (of the route of `api`). */
  scenario: MockScenario;
  /**
   * For a recording: what was asked when it was recorded. Its answer is that request's, not the
   * form's, so the history files the run under this model and prompt.
   */
  recorded?: { model: string; prompt: string; aspectRatio: AspectRatio; imageSize?: ImageSize };
}

/**
 * What the mock can be told to do to the next chat generation: the API's recorded error answers,
 * faults injected into an otherwise normal stream, and recorded streams worth seeing. The
 * recorded answers are the repository's fixtures (fixtures/errors, fixtures/chat).
 */
export const CHAT_SCENARIOS: readonly FaultScenario[] = [
  {
    id: 'no-credits',
    label: '402 · No credits',
    hint: 'The account cannot pay for the request (recorded OpenRouter answer).',
    group: 'API errors',
    api: 'chat',
    scenario: { fixture: 'errors/402-insufficient-credits' },
  },
  {
    id: 'wrong-modalities',
    label: '404 · Wrong modalities',
    hint: 'Image and text asked of an image-only model.',
    group: 'API errors',
    api: 'chat',
    scenario: { fixture: 'errors/404-wrong-modalities' },
  },
  {
    id: 'rate-limited',
    label: '429 · Rate limited',
    hint: 'Too many requests, with a Retry-After header.',
    group: 'API errors',
    api: 'chat',
    scenario: { fixture: 'errors/429-rate-limited' },
  },
  {
    id: 'key-rejected',
    label: '401 · Key rejected',
    hint: 'The API does not know the key.',
    group: 'API errors',
    api: 'chat',
    scenario: { fixture: 'errors/401-unauthorized' },
  },
  {
    id: 'bad-request',
    label: '400 · Bad request',
    hint: 'An aspect ratio the model does not take.',
    group: 'API errors',
    api: 'chat',
    scenario: { fixture: 'errors/400-bad-aspect-ratio' },
  },
  {
    id: 'provider-error',
    label: '502 · Provider error',
    hint: 'The upstream provider failed; its message is nested in metadata.raw.',
    group: 'API errors',
    api: 'chat',
    scenario: { fixture: 'errors/502-provider-error' },
  },
  {
    id: 'safety-block',
    label: 'Safety block',
    hint: 'The stream finishes without an image (IMAGE_SAFETY).',
    group: 'Stream faults',
    api: 'chat',
    scenario: { fixture: 'chat/safety-block-stream' },
  },
  {
    id: 'in-band-error',
    label: 'Error mid-stream',
    hint: 'A caption, then an error chunk inside the 200 stream.',
    group: 'Stream faults',
    api: 'chat',
    scenario: { fixture: 'chat/in-band-error-stream' },
  },
  {
    id: 'truncated',
    label: 'Truncated stream',
    hint: 'The stream closes before the image and before [DONE].',
    group: 'Stream faults',
    api: 'chat',
    scenario: { faults: [{ type: 'truncate', afterEvents: 3 }] },
  },
  {
    id: 'dropped',
    label: 'Connection dropped',
    hint: 'The connection breaks after the first events.',
    group: 'Stream faults',
    api: 'chat',
    // The stall lets the events before the drop reach the page first: a reset that lands while
    // they are still unread discards them in the kernel, and the run then looks like a refused
    // connection ("Connection failed") instead of a stream cut in the middle.
    scenario: {
      faults: [
        { type: 'drop', afterEvents: 3 },
        { type: 'stall', afterEvents: 3, ms: 2000 },
      ],
    },
  },
  {
    id: 'malformed',
    label: 'Malformed line',
    hint: 'A line that is not valid JSON arrives in the stream.',
    group: 'Stream faults',
    api: 'chat',
    scenario: { faults: [{ type: 'malformed', afterEvents: 2 }] },
  },
  {
    id: 'network-error',
    label: 'Network error',
    hint: 'The request fails before any answer.',
    group: 'Stream faults',
    api: 'chat',
    scenario: { faults: [{ type: 'network-error' }] },
  },
  {
    id: 'progressive',
    label: 'Preview, then final image',
    hint: 'Gemini 3 Pro streams a coarse preview, then the 4K image at the same index.',
    group: 'Recordings',
    api: 'chat',
    scenario: { fixture: 'chat/restaurant-progressive-stream' },
    recorded: {
      model: 'google/gemini-3-pro-image-preview',
      prompt: 'Create a picture of a nano banana dish in a fancy restaurant',
      aspectRatio: '16:9',
      imageSize: '4K',
    },
  },
  {
    id: 'image-only',
    label: 'Image-only model',
    hint: 'FLUX.2 answers with an image and no text at all.',
    group: 'Recordings',
    api: 'chat',
    scenario: { fixture: 'chat/lighthouse-image-only' },
    recorded: {
      model: 'black-forest-labs/flux.2-pro',
      prompt: 'A lighthouse on a cliff at dawn',
      aspectRatio: '3:2',
    },
  },
];
