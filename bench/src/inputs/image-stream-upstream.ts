import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildImageStream, cutIntoReads } from './openrouter-streams';

/**
 * A process of its own serving the image stream (and, on `GET …/models`, a model list with its
 * price) (argv[2] bytes) in 64 KiB writes on 127.0.0.1,
 * so the upstream's work is not on the event loop of the handler being measured. Prints its URL
 * and the stream's length as JSON, then serves until killed.
 */
const imageBytes = Number(process.argv[2]);
const reads = cutIntoReads(buildImageStream(imageBytes).wire, 64 * 1024);
/** The model list the handler's limits read prices from (OpenRouter's `/models`, one model). */
const models = JSON.stringify({
  data: [
    {
      id: 'google/gemini-3-pro-image-preview',
      name: 'Gemini 3 Pro Image',
      architecture: { input_modalities: ['text', 'image'], output_modalities: ['image', 'text'] },
      pricing: { prompt: '0.000002', completion: '0.000012', image_output: '0.00012' },
    },
  ],
});
const server = createServer(async (req, res) => {
  for await (const _ of req) {
    // drain the request body
  }
  if (req.method === 'GET' && new URL(req.url ?? '/', 'http://x').pathname.endsWith('/models')) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(models);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const read of reads) {
    if (!res.write(read)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const port = (server.address() as AddressInfo).port;
  const total = reads.reduce((n, r) => n + r.byteLength, 0);
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, total })}\n`);
});
