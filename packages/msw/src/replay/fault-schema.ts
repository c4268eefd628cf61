import { z } from 'zod';

const afterEvents = z
  .number()
  .int()
  .nonnegative()
  .optional()
  .describe('How many of the stream events are sent before the fault acts.');

/** Faults a replay can inject; declarative so they can come from JSON, headers or the CLI. */
export const faultSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('http-error'),
    status: z.number().int().min(400).max(599),
    /** Seconds for `Retry-After`; defaults to 16 for 429 and 503, none otherwise. */
    retryAfter: z.number().nonnegative().optional(),
    message: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('network-error') }),
  z.strictObject({ type: z.literal('slow-headers'), ms: z.number().nonnegative() }),
  z.strictObject({
    type: z.literal('drop'),
    afterEvents,
    afterBytes: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('truncate'), afterEvents }),
  z.strictObject({
    type: z.literal('stall'),
    afterEvents,
    /** Omitted: the stream never continues (until the request is aborted). */
    ms: z.number().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal('malformed'), afterEvents, line: z.string().optional() }),
  z.strictObject({
    type: z.literal('in-band-error'),
    afterEvents,
    code: z.union([z.number().int(), z.string()]).optional(),
    message: z.string().optional(),
    errorType: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('keep-alive'),
    /** Comments added before every data event. */
    count: z.number().int().min(1).max(100).default(2),
  }),
]);

export type Fault = z.input<typeof faultSchema>;
export type ParsedFault = z.output<typeof faultSchema>;
export type FaultType = Fault['type'];
