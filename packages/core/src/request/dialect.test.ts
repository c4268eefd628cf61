import { describe, expect, it } from 'vitest';
import { getDialect, lunosDialect, openRouterDialect } from './dialect';

describe('dialects', () => {
  it('filter the model list on the server, image-only models included', () => {
    expect(lunosDialect.modelsQuery()).toBe('?input=text&output=image');
    expect(lunosDialect.modelsQuery({ input: ['text', 'image'], output: ['image'] })).toBe(
      '?input=text,image&output=image',
    );
    expect(openRouterDialect.modelsQuery()).toBe('?output_modalities=image&input_modalities=text');
  });

  it('have their base URLs', () => {
    expect(getDialect().defaultBaseURL).toBe('https://api.lunos.tech/v1');
    expect(getDialect('openrouter').defaultBaseURL).toBe('https://openrouter.ai/api/v1');
  });

  it('reject an unknown dialect by name', () => {
    expect(() => getDialect('openai' as 'lunos')).toThrow(
      'Invalid dialect: dialect must be one of lunos, openrouter (got "openai")',
    );
  });
});
