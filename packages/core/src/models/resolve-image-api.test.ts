import { describe, expect, it } from 'vitest';
import { imagesModelList } from '../test-utils/images-wire-examples';
import type { ImageModel } from './image-model';
import { normalizeImagesModels } from './normalize-images-models';
import { resolveImageApi } from './resolve-image-api';

const [imagesModel] = normalizeImagesModels(imagesModelList) as [ImageModel];
const { api: _, ...chatModel } = imagesModel;

describe('resolveImageApi', () => {
  it('the caller decides when it says', () => {
    expect(resolveImageApi({ api: 'images' })).toBe('images');
    expect(resolveImageApi({ api: 'chat' }, { dialect: 'openrouter', model: imagesModel })).toBe(
      'chat',
    );
  });

  it('OpenRouter models of the Images catalog default to images; everything else to chat', () => {
    expect(resolveImageApi({}, { dialect: 'openrouter', model: imagesModel })).toBe('images');
    expect(resolveImageApi({}, { dialect: 'openrouter', model: chatModel })).toBe('chat');
    expect(resolveImageApi({}, { dialect: 'openrouter' })).toBe('chat');
    // Lunos documents only chat: it stays there unless the caller opts in.
    expect(resolveImageApi({}, { dialect: 'lunos', model: imagesModel })).toBe('chat');
    expect(resolveImageApi({}, { model: imagesModel })).toBe('chat');
  });
});
