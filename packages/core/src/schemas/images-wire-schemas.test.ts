import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  fluxEndpoints,
  imagesEvent,
  imagesJsonAnswer,
  imagesModelList,
  seedreamEndpoints,
} from '../test-utils/images-wire-examples';
import { firstIssue, roundTrips } from '../test-utils/schema-assertions';
import { imagesEndpointsSchema } from './images-endpoints-schema';
import { imagesModelListSchema } from './images-model-list-schema';
import { imagesRequestSchema } from './images-request-schema';
import { imagesResponseSchema } from './images-response-schema';
import { imagesStreamEventSchema } from './images-stream-event-schema';
import { supportedParametersSchema } from './parameter-descriptor-schema';

const request = {
  model: 'openai/gpt-image-1',
  prompt: 'a red panda astronaut floating in space, studio lighting',
  n: 2,
  aspect_ratio: '16:9',
  resolution: '2K',
  quality: 'high',
  output_format: 'webp',
  background: 'opaque',
  output_compression: 80,
  seed: 42,
  stream: true,
  input_references: [{ type: 'image_url', image_url: { url: 'https://example.com/photo.jpg' } }],
  provider: { only: ['openai'], options: { openai: { moderation: 'low' } } },
  user: 'u1',
  session_id: 's1',
};

describe('Images API wire: documented shapes parse and keep every field', () => {
  it('request, with fields it does not model passed through', () => {
    roundTrips(imagesRequestSchema, { ...request, trace: { trace_id: 't' } });
    roundTrips(imagesRequestSchema, { model: 'm', prompt: 'p', size: '2048x1152' });
    roundTrips(imagesRequestSchema, { model: 'm', prompt: 'p', resolution: '512', size: '4K' });
  });

  it('JSON answer: PNG without media_type, SVG with it, usage with cost, unknown keys kept', () => {
    roundTrips(imagesResponseSchema, imagesJsonAnswer());
    roundTrips(imagesResponseSchema, {
      created: 1748372400,
      data: [{ b64_json: 'PHN2Zz4=', media_type: 'image/svg+xml', revised_prompt: 'x' }],
      usage: { prompt_tokens: 0, completion_tokens: 4175, total_tokens: 4175, cost: 0.04 },
      provider: 'OpenAI',
    });
    const parsed = z.parse(imagesResponseSchema, imagesJsonAnswer());
    expect(parsed.usage?.cost).toBe(0.011);
    expect(parsed.data?.[0]?.media_type).toBeUndefined();
  });

  it('stream events of the four known types', () => {
    for (const event of [
      imagesEvent.partial(0),
      imagesEvent.text('<svg>', 'content'),
      imagesEvent.text('thinking'),
      imagesEvent.completed(),
      imagesEvent.error,
    ]) {
      roundTrips(imagesStreamEventSchema, event);
    }
    const completed = z.parse(imagesStreamEventSchema, {
      ...imagesEvent.completed(),
      media_type: 'image/png',
    });
    expect(completed.type === 'image_generation.completed' && completed.usage?.cost).toBe(0.011);
  });

  it('model list and endpoints, typed descriptors and pricing lines', () => {
    roundTrips(imagesModelListSchema, imagesModelList);
    roundTrips(imagesEndpointsSchema, seedreamEndpoints);
    roundTrips(imagesEndpointsSchema, fluxEndpoints);
  });

  it('a descriptor of a type it does not know is kept as it came; a plain list of names too', () => {
    const future = { style: { type: 'string', max_length: 20 } };
    roundTrips(supportedParametersSchema, future);
    roundTrips(supportedParametersSchema, ['seed', 'n']);
  });
});

describe('Images API wire: what it refuses', () => {
  it('request: closed enums, ranges, at most 16 references, size shape, empty prompt', () => {
    expect(firstIssue(imagesRequestSchema, { ...request, quality: 'ultra' })?.path).toEqual([
      'quality',
    ]);
    expect(firstIssue(imagesRequestSchema, { ...request, resolution: '4k' })?.path).toEqual([
      'resolution',
    ]);
    expect(firstIssue(imagesRequestSchema, { ...request, n: 11 })?.path).toEqual(['n']);
    expect(firstIssue(imagesRequestSchema, { ...request, output_compression: 101 })?.path).toEqual([
      'output_compression',
    ]);
    expect(firstIssue(imagesRequestSchema, { ...request, size: 'big' })?.path).toEqual(['size']);
    expect(firstIssue(imagesRequestSchema, { ...request, prompt: ' ' })?.message).toBe(
      'prompt must not be empty',
    );
    const seventeen = Array.from({ length: 17 }, () => request.input_references[0]);
    expect(
      firstIssue(imagesRequestSchema, { ...request, input_references: seventeen })?.message,
    ).toBe('at most 16 input references');
    expect(
      firstIssue(imagesRequestSchema, { ...request, provider: { options: { openai: 'x' } } })?.path,
    ).toEqual(['provider', 'options', 'openai']);
  });

  it('answers and events: an image without base64, a partial without its index', () => {
    expect(firstIssue(imagesResponseSchema, { data: [{ media_type: 'image/png' }] })?.path).toEqual(
      ['data', 0, 'b64_json'],
    );
    expect(
      firstIssue(imagesStreamEventSchema, { type: 'image_generation.partial_image', b64_json: 'x' })
        ?.path,
    ).toEqual(['partial_image_index']);
    expect(firstIssue(imagesStreamEventSchema, { type: 'error', error: 'boom' })?.path).toEqual([
      'error',
    ]);
    // A new type is not one of the four: the interpreter checks `type` first and skips it.
    expect(
      z.safeParse(imagesStreamEventSchema, { type: 'image_generation.progress', pct: 50 }).success,
    ).toBe(false);
  });

  it('endpoints: a pricing line without its unit', () => {
    const endpoints = structuredClone(seedreamEndpoints);
    endpoints.endpoints[0]!.pricing = [{ billable: 'output_image', cost_usd: 1 } as never];
    expect(firstIssue(imagesEndpointsSchema, endpoints)?.path).toEqual([
      'endpoints',
      0,
      'pricing',
      0,
      'unit',
    ]);
  });
});
