import { expect } from 'vitest';
import * as z from 'zod/mini';

/** Round trip: what the schema gives back equals what went in, unknown fields included. */
export const roundTrips = (schema: z.ZodMiniType, value: unknown) =>
  expect(z.parse(schema, structuredClone(value))).toEqual(value);

/** The first issue of a value the schema refuses (undefined when it accepts it). */
export const firstIssue = (schema: z.ZodMiniType, value: unknown) =>
  z.safeParse(schema, value).error?.issues[0];
