// The client's three calls, run inside a runtime under test against the mock server. The test
// checks what comes back (harness.mjs serves it at /__client-check).

/** A model the mock draws for, and what each call asks of it. */
export const CLIENT_CHECK = /** @type {const} */ ({
  model: 'openrouter/google/gemini-2.5-flash-image',
  generate: { prompt: 'A lighthouse at dusk', aspectRatio: '16:9' },
  stream: { prompt: 'A sunset over mountains', aspectRatio: '1:1' },
});

/** What the test needs of an image: its bytes (base64) and what the client says of them. */
function imageSummary(image) {
  if (!image) return undefined;
  const { mimeType, width, height, base64 } = image;
  return { mimeType, width, height, base64 };
}

/** `listModels`, `generateImage` and `streamImage` of the packed client, in this runtime. */
export async function clientCheck(createLunosImageClient, mockUrl, apiKey) {
  const client = createLunosImageClient({ baseURL: `${mockUrl}/v1`, apiKey, maxRetries: 0 });
  const models = await client.listModels();
  const { model } = CLIENT_CHECK;
  const generated = await client.generateImage({ model, ...CLIENT_CHECK.generate });
  const stream = client.streamImage({ model, ...CLIENT_CHECK.stream });
  const events = [];
  for await (const event of stream) events.push(event.type);
  const streamed = await stream.result();
  return {
    models: models.map((entry) => entry.id),
    generated: imageSummary(generated.images[0]),
    streamed: imageSummary(streamed.images[0]),
    events,
  };
}
