import { describe, expect, it } from 'vitest';
import { NoImageGeneratedError, StreamError } from '../errors/stream-errors';
import { GeneratedImage } from '../image/generated-image';
import { ImageResultAccumulator } from './image-result-accumulator';

const PNG_1X1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const image = () => GeneratedImage.fromUrl(PNG_1X1);

describe('ImageResultAccumulator', () => {
  it('folds text, images by index, usage and finish into the result', () => {
    const acc = new ImageResultAccumulator();
    const first = image();
    const second = image();
    acc.add({ type: 'processing', comment: 'OPENROUTER PROCESSING' });
    acc.add({ type: 'text-delta', text: 'Here ' });
    acc.add({ type: 'text-delta', text: 'it is' });
    acc.add({ type: 'image', image: first, index: 0 });
    const afterFirst = acc.images;
    acc.add({ type: 'image', image: second, index: 0 });
    acc.add({
      type: 'usage',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } as never,
    });
    acc.add({
      type: 'finish',
      reason: 'stop',
      nativeReason: 'STOP',
      id: 'gen-1',
      model: 'm',
      provider: 'p',
    });
    // Replaced, not changed in place: a snapshot holding the old list keeps what it showed.
    expect(afterFirst).toEqual([first]);
    expect(acc.images).toEqual([second]);
    expect(acc.result()).toMatchObject({
      id: 'gen-1',
      text: 'Here it is',
      images: [second],
      finishReason: 'stop',
      nativeFinishReason: 'STOP',
      usage: { totalTokens: 3 },
    });
  });

  it('drops holes from the result and throws NoImageGeneratedError without images', () => {
    const acc = new ImageResultAccumulator();
    acc.add({ type: 'image', image: image(), index: 1 });
    expect(acc.images).toHaveLength(2);
    expect(acc.result().images).toHaveLength(1);
    const empty = new ImageResultAccumulator();
    empty.add({ type: 'text-delta', text: 'I cannot draw that' });
    empty.add({
      type: 'finish',
      reason: 'content_filter',
      nativeReason: 'IMAGE_SAFETY',
      id: undefined,
      model: undefined,
      provider: undefined,
    });
    expect(() => empty.result()).toThrow(NoImageGeneratedError);
  });

  it('throws the error of an error event', () => {
    const acc = new ImageResultAccumulator();
    const error = new StreamError({ message: 'boom' });
    expect(() => acc.add({ type: 'error', error })).toThrow(error);
  });
});
