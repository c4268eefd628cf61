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

  it('keeps the latest partial per slot apart from the result, and drops it when the image comes', () => {
    const acc = new ImageResultAccumulator();
    const [p0, p1, other, final] = [image(), image(), image(), image()];
    acc.add({ type: 'partial-image', image: p0, index: 0, partialIndex: 0 });
    const first = acc.partials;
    acc.add({ type: 'partial-image', image: p1, index: 0, partialIndex: 1 });
    acc.add({ type: 'partial-image', image: other, index: 1, partialIndex: 0 });
    // Replaced, not changed in place; frozen like images.
    expect(first).toEqual([{ image: p0, partialIndex: 0 }]);
    expect(Object.isFrozen(acc.partials)).toBe(true);
    expect(acc.partials).toEqual([
      { image: p1, partialIndex: 1 },
      { image: other, partialIndex: 0 },
    ]);
    expect(acc.images).toEqual([]);
    acc.add({ type: 'image', image: final, index: 0 });
    expect(acc.partials[0]).toBeUndefined();
    expect(acc.partials[1]).toEqual({ image: other, partialIndex: 0 });
    // A preview after its slot's image is stale.
    acc.add({ type: 'partial-image', image: p0, index: 0, partialIndex: 2 });
    expect(acc.partials[0]).toBeUndefined();
    acc.add({ type: 'image', image: final, index: 1 });
    expect(acc.partials).toEqual([]);
    expect(acc.result().images).toEqual([final, final]);
  });

  it('a run of previews only has no result image', () => {
    const acc = new ImageResultAccumulator();
    acc.add({ type: 'partial-image', image: image(), index: 0, partialIndex: 0 });
    expect(() => acc.result()).toThrow(NoImageGeneratedError);
  });
});
