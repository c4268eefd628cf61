import { joinBytes } from '../../image/join-bytes';
import { type ImageField, ROUTES } from '../../routes/route-table';
import type { GenerationSpan } from '../../telemetry/generation-span';
import { findImageStrings } from '../jobs/find-image-strings';

/** A line up to this long is read whole; past it only its head and tail are kept (an image). */
const HEAD_BYTES = 64 * 1024;
/** What is kept of a long line's end: the rest of its JSON after the image (usage, type). */
const TAIL_BYTES = 4 * 1024;
const LF = 0x0a;

/** Where images sit in what the handler answers: a chat or Images API answer, or a job stream. */
const IMAGE_FIELDS = [ROUTES.chat, ROUTES.images].flatMap((route) =>
  route.imageFields.flatMap((field: ImageField) => [
    field,
    ...(field.urlPath ? [{ path: field.urlPath, dataUrl: false }] : []),
  ]),
);

/** 1 for an ASCII byte of the base64 alphabet (padding included). */
const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') {
  BASE64[c.charCodeAt(0)] = 1;
}

/** Decoded bytes of `symbols` base64 characters that end with `padding` `=`. */
function decodedSize(symbols: number, padding: number): number {
  return Math.max(0, Math.floor(((symbols - padding) * 3) / 4));
}

/** The decoded size of an image string: a data URL's or bare base64; undefined for a URL. */
function imageBytes(value: string, dataUrl: boolean): number | undefined {
  let base64 = value;
  if (value.startsWith('data:')) {
    const comma = value.indexOf(',');
    if (comma === -1 || !value.slice(0, comma).endsWith(';base64')) return undefined;
    base64 = value.slice(comma + 1);
  } else if (dataUrl || /[^A-Za-z0-9+/=]/.test(value)) {
    return undefined;
  }
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return decodedSize(base64.length, padding);
}

const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
const string = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Watches the answer the handler sends (an SSE stream line by line, or a JSON body as one piece)
 * for its span: images (not previews) with their sizes, usage, the answering model, in-band
 * errors. What it reads went through the key scrub already. A line up to 64 KiB is parsed; a
 * longer one (an image) is never held or decoded: its size comes from where its base64 starts (in
 * the head) and ends (in the last 4 KiB), and the rest of its JSON, the image taken out, is
 * parsed like a short line.
 */
export class AnswerWatcher {
  readonly #span: GenerationSpan;
  /** A JSON body: one piece, not lines. */
  readonly #whole: boolean;
  #parts: Uint8Array[] = [];
  #bytes = 0;
  /** Past `HEAD_BYTES`: the line's first bytes, and its last ones. */
  #head: Uint8Array | undefined;
  #tail = new Uint8Array(0);
  #finished = false;

  constructor(span: GenerationSpan, format: 'sse' | 'json') {
    this.#span = span;
    this.#whole = format === 'json';
  }

  push(chunk: Uint8Array): void {
    let from = 0;
    while (from < chunk.length) {
      const end = this.#whole ? -1 : chunk.indexOf(LF, from);
      if (end === -1) {
        this.#take(chunk.subarray(from));
        return;
      }
      this.#take(chunk.subarray(from, end));
      this.#line();
      from = end + 1;
    }
  }

  end(): void {
    if (this.#bytes > 0) this.#line();
  }

  /**
   * The answer said it is over (`[DONE]`, a finish reason, the usage that comes last): a browser
   * leaving after that left a complete run (the client stops reading there).
   */
  get finished(): boolean {
    return this.#finished;
  }

  #take(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.#bytes += piece.length;
    if (this.#head === undefined) {
      this.#parts.push(piece);
      if (this.#bytes <= HEAD_BYTES) return;
      const whole = joinBytes(this.#parts);
      this.#parts = [];
      this.#head = whole.slice(0, HEAD_BYTES);
      piece = whole.subarray(HEAD_BYTES);
    }
    // Only the last TAIL_BYTES are kept: a copy of at most that much per read.
    const joined =
      piece.length >= TAIL_BYTES
        ? piece.subarray(piece.length - TAIL_BYTES)
        : joinBytes([this.#tail, piece]);
    this.#tail = joined.slice(Math.max(0, joined.length - TAIL_BYTES));
  }

  #line(): void {
    const head = this.#head;
    const parts = this.#parts;
    const total = this.#bytes;
    const tail = this.#tail;
    this.#parts = [];
    this.#bytes = 0;
    this.#head = undefined;
    this.#tail = new Uint8Array(0);
    if (head === undefined) {
      const text = new TextDecoder().decode(joinBytes(parts)).replace(/\r$/, '');
      this.#record(this.#whole ? text : dataOf(text));
    } else {
      this.#longLine(head, tail, total);
    }
  }

  /** A line too long to hold: an image, sized from its ends; the rest of it parsed. */
  #longLine(head: Uint8Array, tail: Uint8Array, total: number): void {
    // windows-1252 decodes one character per byte: offsets in the text are offsets in the bytes.
    const headText = new TextDecoder('windows-1252').decode(head);
    const tailText = new TextDecoder('windows-1252').decode(tail);
    if (headText.includes('partial_image') || tailText.includes('partial_image')) return;
    const dataUrl = headText.indexOf(';base64,');
    const bare = /"b64_json"\s*:\s*"/.exec(headText);
    const start =
      dataUrl !== -1 ? dataUrl + ';base64,'.length : bare ? bare.index + bare[0].length : -1;
    if (start === -1) return;
    const tailStart = total - tail.length;
    let end = Math.max(0, start - tailStart);
    while (end < tail.length && BASE64[tail[end] as number] === 1) end++;
    if (end === tail.length) return;
    let padding = 0;
    while (padding < 2 && end - padding > 0 && tail[end - padding - 1] === 0x3d) padding++;
    const bytes = decodedSize(tailStart + end - start, padding);
    // The line with its base64 taken out: the image's string stays (empty), the rest is parsed.
    const rest = headText.slice(0, start) + tailText.slice(end);
    const json = parse(this.#whole ? rest : dataOf(rest));
    if (json === undefined) {
      this.#span.image(bytes);
      return;
    }
    this.#recordJson(json, bytes);
  }

  #record(data: string | undefined): void {
    if (data === '[DONE]') this.#finished = true;
    const json = parse(data);
    if (json !== undefined) this.#recordJson(json, undefined);
  }

  /** One event (or a JSON answer); `emptied`: the size of the image taken out of it. */
  #recordJson(json: unknown, emptied: number | undefined): void {
    if (typeof json !== 'object' || json === null) return;
    const event = json as Record<string, unknown>;
    const choices = Array.isArray(event.choices) ? (event.choices as unknown[]) : [];
    const choiceError = choices
      .map((c) => (c as { error?: unknown } | null)?.error)
      .find((e) => e !== undefined);
    const error = event.error ?? choiceError;
    if (error !== undefined) {
      const code = (error as { code?: unknown } | null)?.code;
      this.#span.fail(
        typeof code === 'string' || typeof code === 'number' ? String(code) : 'error',
      );
    }
    if (typeof event.usage === 'object' && event.usage !== null) {
      this.#finished = true;
      const usage = event.usage as Record<string, unknown>;
      this.#span.usage({
        promptTokens: number(usage.prompt_tokens),
        completionTokens: number(usage.completion_tokens),
        cost: number(usage.cost),
      });
    }
    const reason = choices
      .map((c) => (c as { finish_reason?: unknown } | null)?.finish_reason)
      .find((r) => typeof r === 'string') as string | undefined;
    if (reason !== undefined) this.#finished = true;
    this.#span.response({ id: string(event.id), model: string(event.model), reason });
    if (string(event.type)?.includes('partial_image')) return;
    for (const found of findImageStrings(json, IMAGE_FIELDS)) {
      const bytes = imageBytes(found.value, found.field.dataUrl);
      this.#span.image(bytes === 0 && emptied !== undefined ? emptied : bytes);
    }
  }
}

/** The data of an SSE `data:` line, or undefined for any other line. */
function dataOf(line: string): string | undefined {
  if (!line.startsWith('data:')) return undefined;
  return line.slice(line.startsWith('data: ') ? 6 : 5);
}

function parse(text: string | undefined): unknown {
  if (text === undefined || text === '[DONE]') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
