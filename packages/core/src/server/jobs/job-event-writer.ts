import { decodeBase64 } from '../../image/base64';
import { joinBytes } from '../../image/join-bytes';
import { parseDataUrl } from '../../image/parse-data-url';
import { sniffImageType } from '../../image/sniff-image-type';
import type { ImageApi } from '../../models/image-model';
import { ROUTES } from '../../routes/route-table';
import { eventDataText, imageBytesFor } from '../../sse/event-data-text';
import type { SseImageBytes } from '../../sse/sse-item';
import { parseEventJson } from '../../stream/parse-event-json';
import type { JobImageDelivery } from '../lunos-image-handler-options';
import { base64url } from './base64url';
import { type FoundImageString, findImageStrings } from './find-image-strings';
import type { JobStore } from './job-store';

/** One event as a job stores it. */
export interface JobEventInput {
  event?: string | undefined;
  data: string;
}

export interface JobEventWriterOptions {
  store: JobStore;
  id: string;
  wire: ImageApi;
  imageDelivery: JobImageDelivery;
  /** The path of the job's image `index`, as the browser addresses the handler. */
  imageUrl(index: number): string;
  /** Event data without any piece of the key (`UpstreamRelay.scrubEventData`). */
  scrub(data: string): string;
}

/** An image string below this length is left in a JSON answer's text as it is. */
const PLACEHOLDER_MIN_LENGTH = 1024;

/**
 * Turns what the upstream sent (SSE events with images decoded to bytes by the parser, or a JSON
 * answer) into the job's events: every image where the wire's `imageFields` say is stored once as
 * bytes (`putImage`, its type sniffed, its SHA-256 as the `ETag`; an image sent again keeps its
 * first index), and with `imageDelivery: 'url'` replaced by the URL of its image route. The data
 * is scrubbed of the key before it is returned: the scrub reads the event without its images
 * (refs stand in for them), so a 22 MB image line costs no search for the key.
 */
export class JobEventWriter {
  readonly #options: JobEventWriterOptions;
  readonly #indexBySha = new Map<string, number>();
  #images = 0;
  #placeholders = 0;
  readonly #placeholderTag = base64url(crypto.getRandomValues(new Uint8Array(8)));

  constructor(options: JobEventWriterOptions) {
    this.#options = options;
  }

  /** An upstream SSE event (named unless `message`), its data as it may be stored. */
  async fromSse(item: {
    event: string;
    data: string;
    images?: readonly SseImageBytes[] | undefined;
  }): Promise<JobEventInput> {
    const event = item.event === 'message' ? undefined : item.event;
    let json: unknown;
    try {
      json = parseEventJson(item.data, item.images);
    } catch {
      return { event, data: this.#restore(item.data, item.images) };
    }
    const urls = await this.#takeImages(json, item.images, undefined);
    if (!urls) return { event, data: this.#restore(item.data, item.images) };
    return { event, data: this.#restore(JSON.stringify(json), item.images) };
  }

  /** A JSON answer (the upstream's whole body) as the job's `lunos.answer` event. */
  async fromAnswer(json: unknown): Promise<JobEventInput> {
    const placeholders: SseImageBytes[] = [];
    await this.#takeImages(json, undefined, placeholders);
    return { event: 'lunos.answer', data: this.#restore(JSON.stringify(json), placeholders) };
  }

  /** `data` (refs standing for images) scrubbed, then each ref given back its image's text. */
  #restore(data: string, images: readonly SseImageBytes[] | undefined): string {
    const scrubbed = this.#options.scrub(data);
    return images && images.length > 0 ? eventDataText({ data: scrubbed, images }) : scrubbed;
  }

  /**
   * Stores each image of `json` and, with URL delivery, puts its URL in its place. Returns
   * whether an image was replaced by its URL. With `placeholders`, each long image string left
   * in place is replaced by a ref pushed there (so the scrub does not read it).
   */
  async #takeImages(
    json: unknown,
    refs: readonly SseImageBytes[] | undefined,
    placeholders: SseImageBytes[] | undefined,
  ): Promise<boolean> {
    const found = findImageStrings(json, ROUTES[this.#options.wire].imageFields);
    let replaced = false;
    for (const image of found) {
      const taken = await this.#keep(image, refs);
      if (taken && this.#options.imageDelivery === 'url') {
        const url = this.#options.imageUrl(taken.index);
        if (image.field.dataUrl) set(image, url);
        else {
          // An Images API `b64_json` becomes `url` (design: the member is replaced).
          const container = image.container as Record<string, unknown>;
          delete container[image.key as string];
          container.url = url;
        }
        replaced = true;
      } else if (taken && placeholders && image.value.length >= PLACEHOLDER_MIN_LENGTH) {
        const ref = `\0lunos-job:${this.#placeholderTag}:${this.#placeholders++}`;
        placeholders.push({ ref, mediaType: taken.label, parts: taken.parts });
        set(image, ref);
      }
    }
    return replaced;
  }

  /** The image a string holds, stored (once); undefined when it is no image the job keeps. */
  async #keep(
    image: FoundImageString,
    refs: readonly SseImageBytes[] | undefined,
  ): Promise<
    { index: number; parts: readonly Uint8Array[]; label: string | undefined } | undefined
  > {
    let parts: readonly Uint8Array[];
    let label: string | undefined;
    const decoded = imageBytesFor(image.value, refs);
    if (decoded) {
      parts = decoded.parts;
      label = decoded.mediaType;
    } else {
      try {
        if (image.field.dataUrl) {
          const url = parseDataUrl(image.value);
          label = url.mimeType;
          parts = [decodeBase64(url.base64)];
        } else {
          parts = [decodeBase64(image.value)];
        }
      } catch {
        // Not base64 (an https URL, a broken string): left as it came, for the client to judge.
        return undefined;
      }
    }
    const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : joinBytes(parts);
    const contentType = sniffImageType(bytes.subarray(0, 12));
    if (!contentType) return undefined;
    const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    const sha256 = base64url(new Uint8Array(digest));
    let index = this.#indexBySha.get(sha256);
    if (index === undefined) {
      index = this.#images++;
      this.#indexBySha.set(sha256, index);
      await this.#options.store.putImage(this.#options.id, index, { bytes, contentType, sha256 });
    }
    return { index, parts, label };
  }
}

function set(image: FoundImageString, value: string): void {
  (image.container as Record<string | number, unknown>)[image.key] = value;
}
