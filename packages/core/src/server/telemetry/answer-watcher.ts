import { joinBytes } from '../../image/join-bytes';
import { type ImageField, ROUTES } from '../../routes/route-table';
import type { GenerationSpan } from '../../telemetry/generation-span';
import { findImageStrings } from '../jobs/find-image-strings';

/** A JSON string longer than this (an image) is not kept: only its size, start and end. */
const LONG_STRING_BYTES = 1024;
/** What is kept of one line or JSON answer, long strings taken out; past it, it is not read. */
const MAX_SKELETON_BYTES = 1024 * 1024;
const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

/**
 * Where images sit in what the handler answers: a chat or Images API answer, or a job stream,
 * whose images are URLs of the handler's own at each field's `urlPath` (their size unknown here).
 */
const IMAGE_FIELDS: readonly ImageField[] = [ROUTES.chat, ROUTES.images].flatMap((route) =>
  route.imageFields.flatMap((field: ImageField) => [
    field,
    ...(field.urlPath ? [{ path: field.urlPath, dataUrl: false }] : []),
  ]),
);
const URL_FIELDS = new Set(IMAGE_FIELDS.filter((field) => !isImageDataField(field)));

/** Whether a field holds image data (a data URL or bare base64) rather than a URL of it. */
function isImageDataField(field: ImageField): boolean {
  return [ROUTES.chat, ROUTES.images].some((route) =>
    route.imageFields.some((own: ImageField) => own === field),
  );
}

/** A long string taken out of the text: its length, first bytes and `=` padding. */
interface LongString {
  bytes: number;
  head: string;
  padding: number;
}

/**
 * The decoded size of an image string: a data URL's where its field holds data URLs, bare
 * base64's where it holds base64; undefined for a URL (a job's image route: a path of letters,
 * digits and slashes that would pass for base64 by its characters alone).
 */
function imageBytes(value: string | LongString, field: ImageField): number | undefined {
  if (URL_FIELDS.has(field)) return undefined;
  const whole = typeof value === 'string';
  const head = whole ? value.slice(0, 64) : value.head;
  let symbols = whole ? value.length : value.bytes;
  if (field.dataUrl && !head.startsWith('data:')) return undefined;
  if (head.startsWith('data:')) {
    const comma = head.indexOf(',');
    if (comma === -1 || !head.slice(0, comma).endsWith(';base64')) return undefined;
    symbols -= comma + 1;
  } else if (/[^A-Za-z0-9+/=]/.test(head)) {
    return undefined;
  }
  const padding = whole ? (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0) : value.padding;
  return Math.max(0, Math.floor(((symbols - padding) * 3) / 4));
}

/**
 * One SSE line or JSON answer, read by read, as its text with every string longer than
 * `LONG_STRING_BYTES` replaced by a ref (`"\u0000<n>"`): an image is never held or decoded, and
 * the search for the quote that ends it is `indexOf` (base64 has no quotes or backslashes).
 */
class JsonSkeleton {
  readonly #kept: Uint8Array[] = [];
  #keptBytes = 0;
  #inString = false;
  /** The current string's bytes, while it is short. */
  #string: Uint8Array[] = [];
  #stringBytes = 0;
  #stringHead = '';
  /** Backslashes that end the current string so far: an odd count escapes the next quote. */
  #backslashes = 0;
  #last: number[] = [];
  readonly long: LongString[] = [];

  push(c: Uint8Array): void {
    let from = 0;
    while (from < c.length) {
      const quote = c.indexOf(QUOTE, from);
      const end = quote === -1 ? c.length : quote;
      if (this.#inString) this.#stringPiece(c.subarray(from, end));
      else this.#keep(c.subarray(from, end));
      if (quote === -1) return;
      if (!this.#inString) {
        this.#inString = true;
        this.#backslashes = 0;
        this.#keep(c.subarray(quote, quote + 1));
      } else if (this.#backslashes % 2 === 1) {
        this.#stringPiece(c.subarray(quote, quote + 1));
      } else {
        this.#endString();
        this.#keep(c.subarray(quote, quote + 1));
      }
      from = quote + 1;
    }
  }

  /** The text, or undefined when it outgrew what is kept. */
  text(): string | undefined {
    if (this.#keptBytes > MAX_SKELETON_BYTES) return undefined;
    return new TextDecoder().decode(joinBytes(this.#kept));
  }

  #keep(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.#keptBytes += piece.length;
    if (this.#keptBytes <= MAX_SKELETON_BYTES) this.#kept.push(piece);
  }

  #stringPiece(piece: Uint8Array): void {
    if (piece.length === 0) return;
    let trailing = 0;
    while (trailing < piece.length && piece[piece.length - 1 - trailing] === BACKSLASH) trailing++;
    this.#backslashes = trailing === piece.length ? this.#backslashes + trailing : trailing;
    // The last two bytes: the `=` padding of a base64 string.
    this.#last = [...this.#last, ...piece.subarray(Math.max(0, piece.length - 2))].slice(-2);
    if (this.#stringBytes <= LONG_STRING_BYTES) {
      this.#string.push(piece);
      if (this.#stringBytes + piece.length > LONG_STRING_BYTES) {
        this.#stringHead = new TextDecoder().decode(joinBytes(this.#string).subarray(0, 64));
        this.#string = [];
      }
    }
    this.#stringBytes += piece.length;
  }

  #endString(): void {
    if (this.#stringBytes > LONG_STRING_BYTES) {
      const padding = this.#last.filter((b) => b === EQUALS).length;
      this.#keep(new TextEncoder().encode(`\\u0000${this.long.length}`));
      this.long.push({ bytes: this.#stringBytes, head: this.#stringHead, padding });
    } else {
      for (const piece of this.#string) this.#keep(piece);
    }
    this.#inString = false;
    this.#string = [];
    this.#stringBytes = 0;
    this.#last = [];
  }
}

const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
const string = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Watches the answer the handler sends (an SSE stream line by line, or a JSON body as one piece)
 * for its span: images (not previews) with their sizes, usage, the answering model, in-band
 * errors. What it reads went through the key scrub already. Each line is read as a
 * `JsonSkeleton`: its images never held, sized from their length.
 */
export class AnswerWatcher {
  readonly #span: GenerationSpan;
  /** A JSON body: one piece, not lines. */
  readonly #whole: boolean;
  #line = new JsonSkeleton();
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
        this.#line.push(chunk.subarray(from));
        return;
      }
      this.#line.push(chunk.subarray(from, end));
      this.#endLine();
      from = end + 1;
    }
  }

  end(): void {
    this.#endLine();
  }

  /**
   * The answer said it is over (`[DONE]`, a finish reason, the usage that comes last): a browser
   * leaving after that left a complete run (the client stops reading there).
   */
  get finished(): boolean {
    return this.#finished;
  }

  #endLine(): void {
    const line = this.#line;
    this.#line = new JsonSkeleton();
    const text = line.text()?.replace(/\r$/, '');
    const data = this.#whole ? text : dataOf(text);
    if (data === '[DONE]') this.#finished = true;
    const json = parse(data);
    if (typeof json === 'object' && json !== null) this.#record(json, line.long);
  }

  /** One event (or a JSON answer); `long`: the strings taken out of it, by ref. */
  #record(json: object, long: readonly LongString[]): void {
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
    for (const { value, field } of findImageStrings(json, IMAGE_FIELDS)) {
      const ref = /^\0(\d+)$/.exec(value);
      this.#span.image(imageBytes(ref ? (long[Number(ref[1])] ?? value) : value, field));
    }
  }
}

/** The data of an SSE `data:` line, or undefined for any other line. */
function dataOf(line: string | undefined): string | undefined {
  if (!line?.startsWith('data:')) return undefined;
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
