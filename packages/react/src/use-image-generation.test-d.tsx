import type {
  GeneratedImage,
  GenerationStatus,
  ImageGenerationResult,
  LunosImageError,
} from '@lunos-image/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { GeneratedImageView } from './image-views';
import { useImageGeneration } from './use-image-generation';

describe('useImageGeneration types', () => {
  it('exposes the run state and the actions', () => {
    const g = useImageGeneration({ stream: true, throttleMs: 50, keep: 'none' });
    expectTypeOf(g.status).toEqualTypeOf<GenerationStatus>();
    expectTypeOf(g.images).toEqualTypeOf<readonly GeneratedImageView[]>();
    expectTypeOf(g.images[0]!.image).toEqualTypeOf<GeneratedImage>();
    expectTypeOf(g.error).toEqualTypeOf<LunosImageError | undefined>();
    expectTypeOf(g.generate).returns.toEqualTypeOf<number>();
    expectTypeOf(g.generateAsync).returns.resolves.toEqualTypeOf<ImageGenerationResult>();
    expectTypeOf(g.usage).exclude<undefined>().toHaveProperty('cost');
  });

  it('rejects an unknown keep policy and variables with snake_case keys', () => {
    // @ts-expect-error: 'all' is no keep policy
    useImageGeneration({ keep: 'all' });
    const { generate } = useImageGeneration();
    // @ts-expect-error: aspect_ratio is the wire name; the variables are camelCase
    generate({ model: 'x', prompt: 'y', aspect_ratio: '1:1' });
  });
});
