import { z } from 'zod';

/**
 * `instant`: no waits, but every chunk still arrives in its own macrotask. `realtime`: the
 * recorded gaps. `{ speed }`: the recorded gaps divided by speed. `maxGapMs` caps any one gap.
 */
export const timingSchema = z.union([
  z.literal('instant'),
  z.literal('realtime'),
  z.strictObject({
    speed: z.number().positive(),
    maxGapMs: z.number().nonnegative().optional(),
  }),
]);
export type Timing = z.output<typeof timingSchema>;
