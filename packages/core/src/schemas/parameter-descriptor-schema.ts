import * as z from 'zod/mini';

/**
 * A typed capability of an image model (`supported_parameters` of the Images API): a closed set of
 * values, an integer range, or plain support. A descriptor of another `type` is kept as it came
 * (the API may add types); an absent key means the parameter is not supported.
 */
export const parameterDescriptorSchema = z.union([
  z.looseObject({
    type: z.literal('enum'),
    values: z.array(z.union([z.string(), z.number()])),
  }),
  z.looseObject({ type: z.literal('range'), min: z.number(), max: z.number() }),
  z.looseObject({ type: z.literal('boolean') }),
  z.looseObject({ type: z.string() }),
]);

/**
 * `supported_parameters` of an image model or endpoint: descriptors by request field name. A plain
 * list of names (the shape of the chat catalog) is accepted too.
 */
export const supportedParametersSchema = z.union([
  z.record(z.string(), parameterDescriptorSchema),
  z.array(z.string()),
]);

export type WireParameterDescriptor = z.infer<typeof parameterDescriptorSchema>;
export type SupportedParameters = z.infer<typeof supportedParametersSchema>;
