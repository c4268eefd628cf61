/**
 * The wire bytes of OpenRouter chat-completion streams, built once per case and cut into reads.
 * The image stream has the shape of a real Gemini image stream (§4 of the wire-format notes):
 * keep-alive comments, a role chunk, one chunk whose `delta.images[0].image_url.url` is the whole
 * image as a data URL, a finish chunk, a usage chunk repeating it, and `[DONE]`.
 */

const encoder = new TextEncoder();

const base = {
  id: 'gen-1764926649-tF4W3t4FuuPsXb0VBWLB',
  provider: 'Google AI Studio',
  model: 'google/gemini-3-pro-image-preview',
  object: 'chat.completion.chunk',
  created: 1764926649,
};

function chunkJson(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    ...base,
    choices: [{ index: 0, delta, finish_reason: null, native_finish_reason: null, logprobs: null }],
    ...extra,
  });
}

/** Image bytes: a PNG signature and IHDR, then deterministic noise (base64 of noise is not
 * repetitive, like real compressed image data). */
function imageBytes(byteLength: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(byteLength);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  bytes.set([0, 0, 0x10, 0, 0, 0, 0x10, 0], 16); // 4096 x 4096
  let state = seed;
  for (let i = 24; i < byteLength; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export interface ImageStream {
  wire: Uint8Array;
  /** Length of the image's base64 payload, in characters (= bytes on the wire). */
  base64Length: number;
  imageByteLength: number;
}

/** The chat stream with one image of `imageByteLength` bytes, in one buffer. */
export function buildImageStream(imageByteLength: number): ImageStream {
  const image = imageBytes(imageByteLength);
  const base64Length = Math.ceil(imageByteLength / 3) * 4;
  const imageUrlMarker = '@@URL@@';
  const imageChunk = chunkJson({
    role: 'assistant',
    content: '',
    images: [{ type: 'image_url', image_url: { url: imageUrlMarker }, index: 0 }],
  });
  const [beforeUrl, afterUrl] = imageChunk.split(imageUrlMarker) as [string, string];
  const usage = {
    prompt_tokens: 12,
    completion_tokens: 1290,
    total_tokens: 1302,
    cost: 0.0387036,
    completion_tokens_details: { reasoning_tokens: 0, image_tokens: 1290 },
  };
  const head =
    ': OPENROUTER PROCESSING\n\n' +
    `data: ${chunkJson({ role: 'assistant', content: '' })}\n\n` +
    ': OPENROUTER PROCESSING\n\n' +
    `data: ${beforeUrl}data:image/png;base64,`;
  // The finish chunk, then the usage chunk that repeats it (as real streams do).
  const finishChunk = {
    ...base,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: '' },
        finish_reason: 'stop',
        native_finish_reason: 'STOP',
      },
    ],
  };
  const finish = JSON.stringify(finishChunk);
  const usageChunk = JSON.stringify({ ...finishChunk, usage });
  const tail = `${afterUrl}\n\ndata: ${finish}\n\ndata: ${usageChunk}\n\ndata: [DONE]\n\n`;
  return { wire: joinWire([head, image, tail]), base64Length, imageByteLength };
}

/**
 * Text and images (written as base64) into one buffer, encoding each image in slices, so
 * building a 22 MB stream never holds the 22 MB string too (the memory benchmark's baseline
 * stays honest).
 */
function joinWire(parts: (string | Uint8Array)[]): Uint8Array {
  const pieces = parts.map((part) =>
    typeof part === 'string' ? { text: encoder.encode(part) } : { image: part },
  );
  const length = pieces.reduce(
    (sum, piece) => sum + (piece.text ? piece.text.length : Math.ceil(piece.image!.length / 3) * 4),
    0,
  );
  const wire = new Uint8Array(length);
  let at = 0;
  const slice = 3 * 1024 * 1024;
  for (const { text, image: part } of pieces) {
    if (text) {
      wire.set(text, at);
      at += text.length;
      continue;
    }
    for (let i = 0; i < part!.length; i += slice) {
      const text = Buffer.from(
        part!.buffer,
        part!.byteOffset + i,
        Math.min(slice, part!.length - i),
      ).toString('base64');
      at += encoder.encodeInto(text, wire.subarray(at)).written;
    }
  }
  return wire;
}

/**
 * An Images API stream (`POST /images` with `stream: true`, §9 of the wire-format notes):
 * `partials` `image_generation.partial_image` events of `partialByteLength` bytes, then the
 * `image_generation.completed` event with the final image, its media type, `created` and usage,
 * then `[DONE]`. Events carry no `event:` field, as the SDK's schemas have it.
 */
export function buildImagesApiStream(
  imageByteLength: number,
  partialByteLength: number,
  partials = 3,
): ImageStream {
  const parts: (string | Uint8Array)[] = [': OPENROUTER PROCESSING\n\n'];
  for (let index = 0; index < partials; index++) {
    parts.push(
      `data: {"type":"image_generation.partial_image","partial_image_index":${index},"b64_json":"`,
      imageBytes(partialByteLength, 0x1234567 + index),
      '"}\n\n',
    );
  }
  const usage = {
    prompt_tokens: 25,
    completion_tokens: 4175,
    total_tokens: 4200,
    cost: 0.04,
    is_byok: false,
    image_tokens: 4160,
  };
  parts.push(
    'data: {"type":"image_generation.completed","b64_json":"',
    imageBytes(imageByteLength),
    `","media_type":"image/png","created":1748372400,"usage":${JSON.stringify(usage)}}\n\n`,
    'data: [DONE]\n\n',
  );
  return {
    wire: joinWire(parts),
    base64Length: Math.ceil(imageByteLength / 3) * 4,
    imageByteLength,
  };
}

/** `count` text-delta chunks of a few words each, then a finish chunk, usage and `[DONE]`. */
export function buildTextDeltaStream(count: number): Uint8Array {
  const words = [
    'a',
    'quiet',
    'harbour',
    'at',
    'dusk,',
    'gulls',
    'over',
    'the',
    'pier',
    '—',
    'ünd',
    '🌅',
  ];
  const parts: string[] = [': OPENROUTER PROCESSING\n\n'];
  for (let i = 0; i < count; i++) {
    const text = ` ${words[i % words.length]} ${words[(i * 7) % words.length]}`;
    parts.push(`data: ${chunkJson({ role: 'assistant', content: text })}\n\n`);
    if (i % 5000 === 4999) parts.push(': OPENROUTER PROCESSING\n\n');
  }
  parts.push('data: [DONE]\n\n');
  return encoder.encode(parts.join(''));
}

/** The wire cut into reads of `readSize` bytes (views, no copies). */
export function cutIntoReads(wire: Uint8Array, readSize: number): Uint8Array[] {
  const reads: Uint8Array[] = [];
  for (let at = 0; at < wire.length; at += readSize) reads.push(wire.subarray(at, at + readSize));
  return reads;
}

/**
 * A fresh response body over the reads, one read per pull, the way fetch hands out network
 * reads. `onRead` runs before each read is handed out (the memory benchmark samples there).
 */
export function bodyOf(reads: Uint8Array[], onRead?: () => void): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        onRead?.();
        if (next < reads.length) controller.enqueue(reads[next++]!);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
