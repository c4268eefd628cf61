import { z } from 'zod';

/**
 * How the serialized stream is cut into network chunks. Boundaries between events that are sent
 * at different times are always kept (bytes cannot arrive before they were "produced"); events
 * sent at the same instant can share a chunk, so with `instant` timing every mode can cut across
 * event boundaries.
 */
export const chunkingSchema = z.union([
  z.literal('event').describe('one chunk per SSE event'),
  z.literal('single').describe('as few chunks as the timing allows'),
  z.strictObject({ bytes: z.number().int().positive() }).describe('fixed-size slices'),
  z
    .strictObject({
      random: z.strictObject({
        min: z.number().int().positive(),
        max: z.number().int().positive(),
        seed: z.number().int(),
      }),
    })
    .describe('seeded random slice sizes'),
  z
    .strictObject({ splitMultibyte: z.literal(true) })
    .describe('per event, plus a cut inside every multi-byte UTF-8 character'),
  z
    .strictObject({ splitDelimiters: z.literal(true) })
    .describe('per event, plus a cut inside every line ending and blank-line delimiter'),
  z.strictObject({ coalesce: z.number().int().positive() }).describe('n events per chunk'),
]);
export type ChunkingSpec = z.output<typeof chunkingSchema>;
/** A spec, or a function that cuts the whole body itself. */
export type Chunking = ChunkingSpec | ((bytes: Uint8Array) => Uint8Array[]);
