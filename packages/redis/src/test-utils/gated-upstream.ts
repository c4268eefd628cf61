export const MODEL = 'bytedance-seed/seedream-4.5';
/** One image of MODEL is priced $0.10: a budget of $1 covers exactly 10. */
const endpoints = {
  id: MODEL,
  endpoints: [
    {
      provider_name: 'Bytedance',
      supported_parameters: { seed: { type: 'boolean' } },
      supports_streaming: true,
      pricing: [{ billable: 'output_image', unit: 'image', cost_usd: 0.1 }],
    },
  ],
};

const encoder = new TextEncoder();

/**
 * An upstream (a `fetch`) that prices MODEL and answers each generation of the Images API with
 * one completed image, its body held until `release()`. Each generation's image and `usage.cost`
 * differ from the others' (`images[n]`, `costs[n]`): answers that share one image came from one
 * generation.
 */
export function gatedUpstream() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const costs: number[] = [];
  const images: Uint8Array[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith(`/images/models/${MODEL}/endpoints`)) return Response.json(endpoints);
    if (!path.endsWith('/images') || init.method !== 'POST')
      return new Response(null, { status: 404 });
    const cost = Number((0.05 + costs.length * 0.003).toFixed(6));
    // The relay does not check an image's bytes beyond its header: a PNG signature will do.
    const image = Buffer.from(`\x89PNG\r\n\x1a\n-image-${costs.length}`, 'latin1');
    costs.push(cost);
    images.push(new Uint8Array(image));
    const event = {
      type: 'image_generation.completed',
      b64_json: image.toString('base64'),
      created: 1,
      usage: { cost },
    };
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        await released;
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\ndata: [DONE]\n\n`));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }) as typeof globalThis.fetch;
  return { fetch, costs, images, release };
}
