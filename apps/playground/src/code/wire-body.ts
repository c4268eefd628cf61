import type { GenerateImageVariables } from '@lunos-image/core';

/** The HTTP request of the copied curl and Python: the route, its JSON body, what to print. */
export interface WireRequest {
  /** `/chat/completions` or `/images`, under the base URL. */
  path: string;
  body: Record<string, unknown>;
  /** Where reference images go in the body, for the comment above the request. */
  referencesNote: string;
  /** Python that prints what came back from `response.json()`. */
  pythonPrint: string;
}

/** `variables` as the wire carries them (what `buildChatRequest` / `buildImagesRequest` send). */
export function wireRequest(variables: GenerateImageVariables): WireRequest {
  const { model, prompt, aspectRatio, imageSize } = variables;
  if (variables.api === 'images') {
    return {
      path: '/images',
      body: {
        model,
        prompt,
        ...(variables.n !== undefined && { n: variables.n }),
        ...(aspectRatio && { aspect_ratio: aspectRatio }),
        ...(imageSize && { resolution: imageSize === '0.5K' ? '512' : imageSize }),
        ...(variables.seed !== undefined && { seed: variables.seed }),
        ...(variables.quality && { quality: variables.quality }),
        ...(variables.outputFormat && { output_format: variables.outputFormat }),
        ...(variables.background && { background: variables.background }),
        stream: false,
      },
      referencesNote: 'go in input_references as image_url parts (data URLs)',
      pythonPrint: `print([(image["media_type"], len(image["b64_json"])) for image in response.json()["data"]])`,
    };
  }
  return {
    path: '/chat/completions',
    body: {
      model,
      messages: [{ role: 'user', content: prompt }],
      modalities: variables.modalities,
      ...((aspectRatio || imageSize) && {
        image_config: {
          ...(aspectRatio && { aspect_ratio: aspectRatio }),
          ...(imageSize && { image_size: imageSize }),
        },
      }),
      stream: false,
    },
    referencesNote: 'go in messages[0].content as image_url parts (data URLs)',
    pythonPrint: `message = response.json()["choices"][0]["message"]
print(message.get("content"), [image["image_url"]["url"][:64] for image in message.get("images", [])])`,
  };
}
