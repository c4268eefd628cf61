import { encodeBase64 } from '../image/base64';
import { makePng } from '../image/test-utils/make-test-image';
import { sseData } from './fake-fetch';
import { chunkExamples } from './wire-examples';

/** A real (tiny) PNG as the API would send it. */
export const pngBytes = makePng(4, 3, [200, 80, 40]);
export const pngDataUrl = `data:image/png;base64,${encodeBase64(pngBytes)}`;

export const imageChunk = (url = pngDataUrl, index = 0) => ({
  ...chunkExamples.image,
  choices: [
    {
      ...chunkExamples.image.choices[0],
      delta: {
        role: 'assistant',
        content: '',
        images: [{ type: 'image_url', image_url: { url }, index }],
      },
    },
  ],
});

/**
 * The reconstructed sunset stream of api-wire-format §4.7 (keep-alives, caption, image, finish,
 * finish repeated with usage, [DONE]) as the network reads it arrives in.
 */
export function recordedSunsetReads(url = pngDataUrl): string[] {
  return [
    ': OPENROUTER PROCESSING\n\n',
    ': OPENROUTER PROCESSING\n\n',
    sseData(chunkExamples.caption),
    sseData(imageChunk(url)),
    sseData(chunkExamples.finish),
    sseData(chunkExamples.finishWithUsage),
    sseData('[DONE]'),
  ];
}

/** The same answer, non-streamed. */
export function recordedSunsetResponse(url = pngDataUrl) {
  return {
    id: chunkExamples.caption.id,
    provider: chunkExamples.caption.provider,
    model: chunkExamples.caption.model,
    object: 'chat.completion',
    created: chunkExamples.caption.created,
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        native_finish_reason: 'STOP',
        message: {
          role: 'assistant',
          content: 'Here is your sunset! ',
          images: [{ type: 'image_url', image_url: { url }, index: 0 }],
        },
      },
    ],
    usage: chunkExamples.finishWithUsage.usage,
  };
}
