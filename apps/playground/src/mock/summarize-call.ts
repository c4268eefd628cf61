import type { MockCall } from '@lunos-image/msw';
import { formatBytes } from '../format/format-bytes';

export interface CallSummary {
  seq: number;
  /** `POST /v1/chat/completions` */
  request: string;
  /** `200 · synthesized`, `402 · errors/402-insufficient-credits` */
  answer: string;
  /** `model … · modalities image, text · 16:9 1K · stream` */
  settings: string | undefined;
  /** The user message's parts, e.g. `text`, `image_url (image/png, 9.0 kB)`. */
  parts: readonly string[];
}

interface Part {
  type?: unknown;
  image_url?: { url?: unknown };
}

function describePart(part: Part): string {
  if (part.type === 'image_url') {
    const url = typeof part.image_url?.url === 'string' ? part.image_url.url : '';
    const data = /^data:([^;,]+);base64,/.exec(url);
    if (!data) return `image_url (${url.slice(0, 40)})`;
    // Decoded size from the base64 length, without decoding.
    const bytes = Math.floor(((url.length - data[0].length) * 3) / 4);
    return `image_url (${data[1]}, ${formatBytes(bytes)})`;
  }
  return String(part.type ?? 'unknown');
}

interface ImagesBody {
  model?: string;
  n?: number;
  aspect_ratio?: string;
  resolution?: string;
  size?: string;
  quality?: string;
  output_format?: string;
  background?: string;
  seed?: number;
  stream?: boolean;
  input_references?: Part[];
}

/** A `POST /images` body: `model · n 4 · 1:1 · quality high · seed 42 · stream`, its parts. */
function imagesSettings(body: unknown): Pick<CallSummary, 'settings' | 'parts'> {
  const b = body as ImagesBody;
  const settings = [
    b.model,
    b.n !== undefined && `n ${b.n}`,
    [b.aspect_ratio, b.resolution, b.size].filter(Boolean).join(' '),
    b.quality && `quality ${b.quality}`,
    b.output_format && `format ${b.output_format}`,
    b.background && `background ${b.background}`,
    b.seed !== undefined && `seed ${b.seed}`,
    b.stream ? 'stream' : 'no stream',
  ]
    .filter(Boolean)
    .join(' · ');
  return { settings, parts: ['text', ...(b.input_references ?? []).map(describePart)] };
}

/** A call from the mock's log in a few readable lines (never the image data itself). */
export function summarizeCall(call: MockCall): CallSummary {
  const path = new URL(call.url).pathname;
  const answer = `${call.answer.status} · ${call.answer.fixtureId ?? call.answer.kind}${
    call.faults.length > 0 ? ` · faults: ${call.faults.map((f) => f.type).join(', ')}` : ''
  }`;
  const body = call.body as
    | {
        model?: string;
        modalities?: string[];
        image_config?: Record<string, unknown>;
        stream?: boolean;
        messages?: { role?: string; content?: unknown }[];
      }
    | undefined;
  if (call.route === 'images' && call.body) {
    return {
      seq: call.seq,
      request: `${call.method} ${path}`,
      answer,
      ...imagesSettings(call.body),
    };
  }
  if (call.route !== 'chat' || !body) {
    return {
      seq: call.seq,
      request: `${call.method} ${path}`,
      answer,
      settings: undefined,
      parts: [],
    };
  }
  const config = Object.values(body.image_config ?? {}).join(' ');
  const settings = [
    body.model,
    body.modalities && `modalities ${body.modalities.join(', ')}`,
    config,
    body.stream ? 'stream' : 'no stream',
  ]
    .filter(Boolean)
    .join(' · ');
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const parts =
    typeof user?.content === 'string'
      ? ['text']
      : Array.isArray(user?.content)
        ? (user.content as Part[]).map(describePart)
        : [];
  return { seq: call.seq, request: `${call.method} ${path}`, answer, settings, parts };
}
