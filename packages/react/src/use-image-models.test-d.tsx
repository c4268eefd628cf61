import type { ImageModel, LunosImageClient, LunosImageError } from '@lunos-image/core';
import { useQuery } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import { imageModelsQueryOptions } from './image-models-query-options';
import { useImageModels } from './use-image-models';

declare const client: LunosImageClient;

describe('useImageModels types', () => {
  it('models is the list, or what select returns', () => {
    expectTypeOf(useImageModels().models).toEqualTypeOf<readonly ImageModel[] | undefined>();
    const ids = useImageModels({ output: ['image'] }, { select: (m) => m.map((x) => x.id) });
    expectTypeOf(ids.models).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(ids.error).toEqualTypeOf<LunosImageError | undefined>();
    expectTypeOf(ids.refetch)
      .returns.resolves.toHaveProperty('models')
      .toEqualTypeOf<string[] | undefined>();
  });

  it('imageModelsQueryOptions fits useQuery', () => {
    expectTypeOf(useQuery(imageModelsQueryOptions(client)).data).toEqualTypeOf<
      ImageModel[] | undefined
    >();
  });
});
