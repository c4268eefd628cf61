import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { roundTrips } from '../test-utils/schema-assertions';
import {
  chunkExamples,
  errorExamples,
  lunosImageModelExample,
  lunosModelExample,
  openRouterImageOnlyModelExample,
  openRouterModelExample,
  requestExamples,
  responseExample,
} from '../test-utils/wire-examples';
import { chatRequestSchema } from './chat-request-schema';
import { chatResponseSchema } from './chat-response-schema';
import { errorBodySchema } from './error-body-schema';
import { lunosModelListSchema } from './lunos-model-list-schema';
import { openRouterModelListSchema } from './openrouter-model-list-schema';
import { streamChunkSchema } from './stream-chunk-schema';

describe('every documented example parses and round-trips without losing a field', () => {
  it.each(Object.entries(requestExamples))('request: %s', (_, example) => {
    roundTrips(chatRequestSchema, example);
  });

  it('non-streamed response', () => roundTrips(chatResponseSchema, responseExample));

  it.each(Object.entries(chunkExamples))('stream chunk: %s', (_, example) => {
    roundTrips(streamChunkSchema, example);
  });

  it.each(Object.entries(errorExamples))('error body: %s', (_, example) => {
    roundTrips(errorBodySchema, example);
  });

  it('OpenRouter model list, including an image-only model', () => {
    roundTrips(openRouterModelListSchema, {
      data: [openRouterModelExample, openRouterImageOnlyModelExample],
      total_count: 2,
      links: { next: null },
    });
  });

  it('Lunos model list as a bare array, as { data } and as { models }', () => {
    const models = [lunosModelExample, lunosImageModelExample];
    roundTrips(lunosModelListSchema, models);
    roundTrips(lunosModelListSchema, { data: models });
    roundTrips(lunosModelListSchema, { models });
  });
});

describe('response schemas are tolerant', () => {
  it('keeps delta.images and fields the OpenAPI spec does not know', () => {
    const chunk = z.parse(streamChunkSchema, {
      ...chunkExamples.image,
      openrouter_metadata: { x: 1 },
    });
    expect(chunk.choices?.[0]?.delta?.images?.[0]?.image_url.url).toMatch(/^data:image\/png/);
    expect(chunk.openrouter_metadata).toEqual({ x: 1 });
  });

  it('accepts a numeric or string error code and metadata.raw of any shape', () => {
    for (const raw of ['text', '{"a":1}', { nested: true }, undefined]) {
      for (const code of [502, 'server_error', null]) {
        const body = { error: { code, message: 'x', metadata: { raw } } };
        // Kept as sent: the code's type and metadata.raw's shape are not normalised away.
        expect(z.parse(errorBodySchema, structuredClone(body))).toEqual(body);
      }
    }
    expect(z.parse(errorBodySchema, { error: 'plain message' })).toEqual({
      error: 'plain message',
    });
  });

  it('accepts usage with or without choices and absent images', () => {
    expect(z.parse(streamChunkSchema, { usage: { cost: 0.01 } })).toEqual({
      usage: { cost: 0.01 },
    });
    const answer = { choices: [{ message: { content: 'x' } }] };
    expect(z.parse(chatResponseSchema, structuredClone(answer))).toEqual(answer);
  });

  it('still rejects values of the wrong type where it matters', () => {
    const result = z.safeParse(streamChunkSchema, {
      choices: [{ delta: { images: [{ image_url: { url: 42 } }] } }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([
      'choices',
      0,
      'delta',
      'images',
      0,
      'image_url',
      'url',
    ]);
  });
});

describe('the request schema is strict about what it knows', () => {
  const base = requestExamples.restaurant;
  const issueOf = (body: unknown) => z.safeParse(chatRequestSchema, body).error?.issues[0];

  it('rejects an unknown aspect ratio, naming the field and the allowed values', () => {
    const issue = issueOf({ ...base, image_config: { aspect_ratio: '7:5' } });
    expect(issue?.path).toEqual(['image_config', 'aspect_ratio']);
    expect(issue?.code).toBe('invalid_value');
    expect(issue && 'values' in issue ? issue.values : []).toContain('16:9');
  });

  it('rejects a lower-case image size (the API would silently ignore it)', () => {
    expect(issueOf({ ...base, image_config: { image_size: '4k' } })?.path).toEqual([
      'image_config',
      'image_size',
    ]);
  });

  it('rejects an empty prompt, empty messages and a wrong type', () => {
    expect(issueOf({ ...base, messages: [{ role: 'user', content: '  ' }] })?.message).toBe(
      'content must not be empty',
    );
    expect(issueOf({ ...base, messages: [] })?.path).toEqual(['messages']);
    expect(issueOf({ ...base, stream: 'yes' })?.path).toEqual(['stream']);
    expect(issueOf({ ...base, modalities: ['video'] })?.path).toEqual(['modalities', 0]);
  });

  it('passes provider-specific image_config keys through untouched', () => {
    const body = { ...base, image_config: { aspect_ratio: '1:1', future_knob: [1, 'two'] } };
    roundTrips(chatRequestSchema, body);
    expect(issueOf({ ...base, image_config: { background_hex_color: 'red' } })?.path).toEqual([
      'image_config',
      'background_hex_color',
    ]);
  });
});
