import { InvalidResponseError } from '../errors/invalid-response-error';
import { redactText, scrubSecret } from '../errors/redact-secret';
import { StreamTruncatedError } from '../errors/stream-errors';
import { AbortError } from '../errors/transport-errors';
import { ValidationError } from '../errors/validation-error';
import { capabilitiesOf } from '../models/capabilities-of';
import type { ImageModel } from '../models/image-model';
import { normalizeModels } from '../models/normalize-models';
import { type BuildChatRequestOptions, buildChatRequest } from '../request/build-chat-request';
import { type DialectName, getDialect, type ModelFilters } from '../request/dialect';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import { trimTrailingSlash } from '../request/trim-trailing-slash';
import { createSseParser } from '../sse/create-sse-parser';
import type { SseItem } from '../sse/sse-item';
import type { ImageEventOptions } from '../stream/image-event-builder';
import type { ImageGenerationResult } from '../stream/image-generation-result';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { ImageStreamInterpreter } from '../stream/image-stream-interpreter';
import { parseEventJson } from '../stream/parse-event-json';
import { responseToEvents } from '../stream/response-to-events';
import { ImageStream, type ImageStreamProgress } from './image-stream';
import { isBrowser } from './is-browser';
import {
  countBodyBytes,
  DEFAULT_MAX_IMAGES_PER_ANSWER,
  DEFAULT_MAX_RESPONSE_BYTES,
  readLimitedText,
} from './read-limited-text';
import { resolveApiKey } from './resolve-api-key';
import { RunSignal } from './run-signal';
import { type SentResponse, sendWithRetry } from './send-with-retry';
import { resolveTimeouts, type TimeoutOption } from './timeouts';
import { validateCallArguments } from './validate-call-arguments';
import { validateClientOptions } from './validate-client-options';

export interface LunosImageClientOptions extends ImageEventOptions {
  /**
   * Sent only as `Authorization: Bearer …` to `baseURL`; never logged or put in an error. Left
   * out on a server, `LUNOS_API_KEY` / `OPENROUTER_API_KEY` (by dialect) is used, but only for
   * the dialect's own API origin; never in a browser.
   */
  apiKey?: string | undefined;
  /** Default: the dialect's base URL. Point it at your proxy to keep the key on your server. */
  baseURL?: string | undefined;
  /** `lunos` (default) or `openrouter`. */
  dialect?: DialectName | undefined;
  /** A fetch implementation (tests, `expo/fetch`); default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** Retries before the first body byte, on 408/409/429/5xx and connection errors. Default 2. */
  maxRetries?: number | undefined;
  /**
   * Time limits: a number is the total in ms. Defaults: total 10 min, first byte 5 min, idle
   * 2 min. Each is 1 to 2^31-1 ms, or `0` / `Infinity` for no limit.
   */
  timeout?: TimeoutOption | undefined;
  /** A browser page can read anything it holds: an `apiKey` there needs this explicit opt-in. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Largest single SSE event accepted, in bytes. Default 64 MiB. */
  maxEventBytes?: number | undefined;
  /**
   * Largest answer body read, in decoded bytes (after gzip/br), for every answer: a stream, a
   * JSON answer, an error body, the model list. Default 128 MiB (a 4K image with room to spare).
   * Past it the body is cancelled and the call fails with `ResponseTooLargeError`.
   */
  maxResponseBytes?: number | undefined;
  /** Refuse (instead of warn about) settings the model is documented not to support. */
  strict?: boolean | undefined;
  /**
   * Where warnings about a request go when `strict` is off (a ratio or size the model is
   * documented not to support, `["image","text"]` for an image-only model): one call per warning,
   * before the request is sent. Default: `console.warn`. Pass `() => {}` to silence them.
   */
  onWarning?: ((warning: string) => void) | undefined;
  /** Lunos `X-App-ID`; OpenRouter `HTTP-Referer` / `X-Title`. */
  appId?: string | undefined;
  referer?: string | undefined;
  title?: string | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeout?: TimeoutOption | undefined;
  /** The model's catalog entry (from `listModels`): default modalities and capability checks. */
  model?: ImageModel | undefined;
}

export interface LunosImageClient {
  readonly dialect: DialectName;
  readonly baseURL: string;
  /** One image generation, folded to its result. */
  generateImage(
    variables: GenerateImageVariables,
    options?: CallOptions,
  ): Promise<ImageGenerationResult>;
  /**
   * A streamed generation: iterate its events, or await `.result()`. Sends `stream: true` unless
   * the variables say `stream: false`; a JSON answer yields the same events either way.
   */
  streamImage(variables: GenerateImageVariables, options?: CallOptions): ImageStream;
  /** Image-capable models, filtered by the server (so image-only models are included). */
  listModels(filters?: ModelFilters, options?: Omit<CallOptions, 'model'>): Promise<ImageModel[]>;
}

/** A whole (non-SSE) answer, within `maxBytes`, with the run's checks on every read. */
async function readAll(
  sent: SentResponse,
  run: RunSignal,
  progress: ImageStreamProgress,
  maxBytes: number,
): Promise<string> {
  const text = await readLimitedText(sent.reader, {
    maxBytes,
    first: sent.first,
    onRead: (bytes) => {
      run.check();
      run.activity();
      progress.bytesReceived += bytes;
    },
  });
  run.check();
  return text;
}

class Client implements LunosImageClient {
  readonly dialect: DialectName;
  readonly baseURL: string;
  readonly #apiKey: string | undefined;
  readonly #options: LunosImageClientOptions;
  readonly #fetch: typeof fetch;

  constructor(options: LunosImageClientOptions) {
    const invalid = (path: string, message: string) =>
      new ValidationError('client options', [{ path, code: 'invalid_value', message }]);
    if (typeof options !== 'object' || options === null) {
      throw invalid(
        '(root)',
        `must be an object (got ${options === null ? 'null' : typeof options})`,
      );
    }
    const dialect = getDialect(options.dialect);
    validateClientOptions(options);
    if (options.apiKey && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw invalid(
        'dangerouslyAllowBrowser',
        'is not set: refusing to use an API key in a browser, where anyone who opens the page can read it. ' +
          'Call the API from your server, or set baseURL to a proxy that adds the key; ' +
          'to do it anyway (a local tool, a key the user typed in), pass dangerouslyAllowBrowser: true',
      );
    }
    const maxRetries = options.maxRetries ?? 2;
    resolveTimeouts(options.timeout);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw invalid('fetch', 'is required: this runtime has no global fetch');
    }
    this.dialect = dialect.name;
    this.baseURL = trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL);
    this.#apiKey = resolveApiKey(options.apiKey, dialect, this.baseURL);
    this.#options = { ...options, maxRetries };
    // Called unbound: some fetch implementations throw "Illegal invocation" as a method.
    this.#fetch = (input, init) => fetchImpl(input, init);
  }

  /** Only what is safe to print. */
  toJSON() {
    return { dialect: this.dialect, baseURL: this.baseURL, hasApiKey: this.#apiKey !== undefined };
  }

  #headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...extra,
      ...this.#options.headers,
      ...(this.#apiKey ? { authorization: `Bearer ${this.#apiKey}` } : {}),
    };
  }

  get #maxResponseBytes(): number {
    return this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  generateImage(variables: GenerateImageVariables, options?: CallOptions) {
    return this.#start(variables, options, false).result();
  }

  streamImage(variables: GenerateImageVariables, options?: CallOptions) {
    return this.#start(variables, options, true);
  }

  #start(variables: GenerateImageVariables, options: CallOptions | undefined, stream: boolean) {
    const invalid = validateCallArguments(
      'generation',
      { name: 'variables', value: variables },
      options,
    );
    if (invalid) {
      // Rejected through the stream (iteration and result()), never thrown synchronously.
      return new ImageStream(async function* () {
        yield* [];
        throw invalid;
      }, new AbortController());
    }
    return this.#stream({ ...variables, stream: variables.stream ?? stream }, options ?? {});
  }

  async listModels(filters?: ModelFilters, options?: Omit<CallOptions, 'model'>) {
    const invalid = validateCallArguments(
      'listModels',
      { name: 'filters', value: filters, optional: true },
      options,
    );
    if (invalid) throw invalid;
    const dialect = getDialect(this.dialect);
    const run = new RunSignal(
      options?.signal,
      resolveTimeouts(this.#options.timeout, options?.timeout),
    );
    const progress = { bytesReceived: 0 };
    try {
      const sent = await sendWithRetry({
        url: `${this.baseURL}/models${dialect.modelsQuery(filters ?? {})}`,
        init: { method: 'GET', headers: this.#headers({ accept: 'application/json' }) },
        fetch: this.#fetch,
        run,
        maxRetries: this.#options.maxRetries ?? 2,
        errorContext: { secret: this.#apiKey },
        maxResponseBytes: this.#maxResponseBytes,
      });
      const text = await readAll(sent, run, progress, this.#maxResponseBytes).catch((e) => {
        sent.reader.cancel().catch(() => {});
        throw run.toError(e, 'Reading the model list failed');
      });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new InvalidResponseError(`The model list is not JSON: ${this.#preview(text)}`, {
          cause,
        });
      }
      return normalizeModels(this.dialect, json);
    } catch (error) {
      throw scrubSecret(error, this.#apiKey);
    } finally {
      run.dispose();
    }
  }

  /**
   * The start of a body for a message: the key is scrubbed from the whole text before it is cut,
   * so the cut cannot leave a piece of it that no longer matches.
   */
  #preview(text: string): string {
    const clean = redactText(text.trim(), [this.#apiKey]);
    return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
  }

  #stream(variables: GenerateImageVariables, options: CallOptions): ImageStream {
    const controller = new AbortController();
    const callerSignal = options.signal;
    const self = this;
    // The caller's signal is listened to only while the run is going, and the listener removed
    // when it settles: a signal reused for many calls must not gather one listener per call.
    async function* produce(progress: ImageStreamProgress) {
      const forward = () => controller.abort(callerSignal?.reason);
      if (callerSignal?.aborted) forward();
      else callerSignal?.addEventListener('abort', forward, { once: true });
      try {
        yield* self.#produce(variables, options, controller, progress);
      } finally {
        callerSignal?.removeEventListener('abort', forward);
      }
    }
    return new ImageStream(produce, controller);
  }

  /** The events of one run, with the key scrubbed from every error that leaves the client. */
  async *#produce(
    variables: GenerateImageVariables,
    options: CallOptions,
    controller: AbortController,
    progress: ImageStreamProgress,
  ): AsyncGenerator<ImageStreamEvent[], void, undefined> {
    try {
      for await (const batch of this.#run(variables, options, controller, progress)) {
        for (const event of batch)
          if (event.type === 'error') scrubSecret(event.error, this.#apiKey);
        yield batch;
      }
    } catch (error) {
      throw scrubSecret(error, this.#apiKey);
    }
  }

  async *#run(
    variables: GenerateImageVariables,
    options: CallOptions,
    controller: AbortController,
    progress: ImageStreamProgress,
  ): AsyncGenerator<ImageStreamEvent[], void, undefined> {
    const o = this.#options;
    const buildOptions: BuildChatRequestOptions = {
      dialect: this.dialect,
      baseURL: this.baseURL,
      appId: o.appId,
      referer: o.referer,
      title: o.title,
      ...(o.strict !== undefined && { strict: o.strict }),
      ...(options.model && { model: options.model }),
    };
    const request = await buildChatRequest(variables, buildOptions);
    const warn = o.onWarning ?? ((warning: string) => console.warn(`[lunos-image] ${warning}`));
    for (const warning of request.warnings) warn(warning);
    const run = new RunSignal(controller.signal, resolveTimeouts(o.timeout, options.timeout));
    const eventOptions: ImageEventOptions = {
      ...(o.imagePolicy && { imagePolicy: o.imagePolicy }),
      ...(o.maxImageBytes !== undefined && { maxImageBytes: o.maxImageBytes }),
      maxImagesPerAnswer: o.maxImagesPerAnswer ?? DEFAULT_MAX_IMAGES_PER_ANSWER,
    };
    let sent: SentResponse | undefined;
    let finished = false;
    try {
      const outputsText = capabilitiesOf(options.model ?? variables.model).outputsText;
      const outputs =
        options.model?.outputModalities ??
        (outputsText === undefined ? undefined : outputsText ? ['image', 'text'] : ['image']);
      sent = await sendWithRetry({
        url: request.url,
        init: { method: 'POST', headers: this.#headers(request.headers), body: request.body },
        fetch: this.#fetch,
        run,
        maxRetries: o.maxRetries ?? 2,
        errorContext: { secret: this.#apiKey, model: variables.model, outputModalities: outputs },
        maxResponseBytes: this.#maxResponseBytes,
      });
      const contentType = sent.response.headers.get('content-type') ?? '';
      if (contentType.includes('text/event-stream')) {
        yield* this.#readSse(sent, run, progress, eventOptions);
      } else {
        const text = await readAll(sent, run, progress, this.#maxResponseBytes).catch((e) => {
          throw run.toError(e, 'Reading the answer failed');
        });
        let json: unknown;
        try {
          json = parseEventJson(text);
        } catch (cause) {
          throw new InvalidResponseError(
            `The answer is not JSON (content-type ${contentType || 'missing'}): ${this.#preview(text)}`,
            { cause },
          );
        }
        yield responseToEvents(json, eventOptions);
      }
      finished = true;
    } finally {
      if (!finished) {
        // Leaving early (break, error, abort): stop the request and the network read.
        run.abort(new AbortError('The stream was closed before it finished'));
        sent?.reader.cancel().catch(() => {});
      }
      run.dispose();
    }
  }

  async *#readSse(
    sent: SentResponse,
    run: RunSignal,
    progress: ImageStreamProgress,
    eventOptions: ImageEventOptions,
  ): AsyncGenerator<ImageStreamEvent[], void, undefined> {
    const interpreter = new ImageStreamInterpreter({
      ...eventOptions,
      redact: (text) => redactText(text, [this.#apiKey]),
    });
    const maxBytes = this.#maxResponseBytes;
    const items: SseItem[] = [];
    const parser = createSseParser(
      (item) => items.push(item),
      this.#options.maxEventBytes === undefined
        ? {}
        : { maxEventBytes: this.#options.maxEventBytes },
    );
    const drain = () => {
      const batch: ImageStreamEvent[] = [];
      for (const item of items.splice(0)) batch.push(...interpreter.push(item));
      return batch;
    };
    let read = sent.first;
    while (!read.done) {
      run.check();
      run.activity();
      progress.bytesReceived = countBodyBytes(
        progress.bytesReceived,
        read.value.byteLength,
        maxBytes,
        sent.reader,
      );
      parser.feed(read.value);
      const batch = drain();
      if (batch.length > 0) yield batch;
      if (interpreter.done) {
        sent.reader.cancel().catch(() => {});
        return;
      }
      try {
        read = await sent.reader.read();
      } catch (thrown) {
        const error = run.toError(thrown, 'The stream broke');
        if (run.reason) throw error;
        // A dropped connection after a finish reason is a complete run; before it, a cut one.
        if (!interpreter.finished) {
          throw new StreamTruncatedError(
            `The connection dropped after ${progress.bytesReceived} bytes, before the generation finished`,
            progress.bytesReceived,
            { cause: error, reason: 'dropped' },
          );
        }
        yield interpreter.end(progress.bytesReceived);
        return;
      }
    }
    run.check();
    parser.end();
    const batch = drain();
    try {
      batch.push(...interpreter.end(progress.bytesReceived));
    } catch (error) {
      if (batch.length > 0) yield batch;
      throw error;
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * A client for Lunos (default) or OpenRouter image generation. The key is held privately: it is
 * sent only in the `Authorization` header to `baseURL` and appears in no error, log or `toJSON`.
 */
export function createLunosImageClient(options: LunosImageClientOptions = {}): LunosImageClient {
  return new Client(options);
}
