import * as z from 'zod/mini';
import { supportedParametersSchema } from './parameter-descriptor-schema';

/** One entry of `GET /images/models`: capabilities are the union over the model's endpoints. */
export const imagesModelSchema = z.looseObject({
  id: z.string(),
  name: z.optional(z.nullable(z.string())),
  description: z.optional(z.nullable(z.string())),
  created: z.optional(z.nullable(z.number())),
  architecture: z.optional(
    z.nullable(
      z.looseObject({
        input_modalities: z.optional(z.nullable(z.array(z.string()))),
        output_modalities: z.optional(z.nullable(z.array(z.string()))),
      }),
    ),
  ),
  supported_parameters: z.optional(z.nullable(supportedParametersSchema)),
  supports_streaming: z.optional(z.nullable(z.boolean())),
  /** The path of the model's endpoints listing (under the API origin). */
  endpoints: z.optional(z.nullable(z.string())),
});

export const imagesModelListSchema = z.looseObject({
  data: z.array(imagesModelSchema),
});

export type ImagesModel = z.infer<typeof imagesModelSchema>;
export type ImagesModelList = z.infer<typeof imagesModelListSchema>;
