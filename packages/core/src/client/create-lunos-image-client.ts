import { InvalidResponseError } from '../errors/invalid-response-error';
import { scrubSecret } from '../errors/redact-secret';
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
import { RunSignal } from './run-signal';
import { type SentResponse, sendWithRetry } from './send-with-retry';
import { resolveTimeouts, type TimeoutOption } from './timeouts';

export interface LunosImageClientOptions extends ImageEventOptions {
  /** Sent only as `Authorization: Bearer …` to `baseURL`; never logged or put in an error. */
  apiKey?: string;
  /** Default: the dialect's base URL. Point it at your proxy to keep the key on your server. */
  baseURL?: string;
  /** `lunos` (default) or `openrouter`. */
  dialect?: DialectName;
  /** A fetch implementation (tests, `expo/fetch`); default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  /** Retries before the first body byte, on 408/409/429/5xx and connection errors. Default 2. */
  maxRetries?: number;
  /** Time limits: a number is the total in ms. Defaults: total 10 min, first byte 5 min, idle 2 min. */
  timeout?: TimeoutOption;
  /** A browser page can read anything it holds: an `apiKey` there needs this explicit opt-in. */
  dangerouslyAllowBrowser?: boolean;
  /** Largest single SSE event accepted, in bytes. Default 64 MiB. */
  maxEventBytes?: number;
  /** Refuse (instead of warn about) settings the model is documented not to support. */
  strict?: boolean;
  /** Lunos `X-App-ID`; OpenRouter `HTTP-Referer` / `X-Title`. */
  appId?: string;
  referer?: string;
  title?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeout?: TimeoutOption;
  /** The model's catalog entry (from `listModels`): default modalities and capability checks. */
  model?: ImageModel;
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

const isBrowser = () =>
  typeof window !== 'undefined' &&
  typeof (window as { document?: unknown }).document !== 'undefined';

async function readAll(
  first: ReadableStreamReadResult<Uint8Array>,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  run: RunSignal,
  progress: ImageStreamProgress,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (let read = first; !read.done; read = await reader.read()) {
    run.check();
    run.activity();
    progress.bytesReceived += read.value.byteLength;
    text += decoder.decode(read.value, { stream: true });
  }
  run.check();
  return text + decoder.decode();
}

class Client implements LunosImageClient {
  readonly dialect: DialectName;
  readonly baseURL: string;
  readonly #apiKey: string | undefined;
  readonly #options: LunosImageClientOptions;
  readonly #fetch: typeof fetch;

  constructor(options: LunosImageClientOptions) {
    const dialect = getDialect(options.dialect);
    const invalid = (path: string, message: string) =>
      new ValidationError('client options', [{ path, code: 'invalid_value', message }]);
    if (
      options.apiKey !== undefined &&
      (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
    ) {
      throw invalid('apiKey', 'must be a non-empty string (or left out when a proxy adds the key)');
    }
    if (options.apiKey && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw invalid(
        'dangerouslyAllowBrowser',
        'is not set: refusing to use an API key in a browser, where anyone who opens the page can read it. ' +
          'Call the API from your server, or set baseURL to a proxy that adds the key; ' +
          'to do it anyway (a local tool, a key the user typed in), pass dangerouslyAllowBrowser: true',
      );
    }
    const maxRetries = options.maxRetries ?? 2;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw invalid(
        'maxRetries',
        `must be a whole number >= 0 (got ${String(options.maxRetries)})`,
      );
    }
    resolveTimeouts(options.timeout);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw invalid('fetch', 'is required: this runtime has no global fetch');
    }
    this.dialect = dialect.name;
    this.baseURL = trimTrailingSlash(options.baseURL ?? dialect.defaultBaseURL);
    this.#apiKey = options.apiKey;
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

  generateImage(variables: GenerateImageVariables, options: CallOptions = {}) {
    return this.#stream({ ...variables, stream: variables.stream ?? false }, options).result();
  }

  streamImage(variables: GenerateImageVariables, options: CallOptions = {}) {
    return this.#stream({ ...variables, stream: variables.stream ?? true }, options);
  }

  async listModels(filters: ModelFilters = {}, options: Omit<CallOptions, 'model'> = {}) {
    const dialect = getDialect(this.dialect);
    const run = new RunSignal(
      options.signal,
      resolveTimeouts(this.#options.timeout, options.timeout),
    );
    const progress = { bytesReceived: 0 };
    try {
      const sent = await sendWithRetry({
        url: `${this.baseURL}/models${dialect.modelsQuery(filters)}`,
        init: { method: 'GET', headers: this.#headers({ accept: 'application/json' }) },
        fetch: this.#fetch,
        run,
        maxRetries: this.#options.maxRetries ?? 2,
        errorContext: { secret: this.#apiKey },
      });
      const text = await readAll(sent.first, sent.reader, run, progress).catch((e) => {
        throw run.toError(e, 'Reading the model list failed');
      });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new InvalidResponseError(`The model list is not JSON: ${text.slice(0, 80)}`, {
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

  #stream(variables: GenerateImageVariables, options: CallOptions): ImageStream {
    const controller = new AbortController();
    const callerSignal = options.signal;
    const produce = (progress: ImageStreamProgress) =>
      this.#produce(variables, options, controller, progress);
    if (callerSignal) {
      const forward = () => controller.abort(callerSignal.reason);
      if (callerSignal.aborted) forward();
      else callerSignal.addEventListener('abort', forward, { once: true });
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
    const run = new RunSignal(controller.signal, resolveTimeouts(o.timeout, options.timeout));
    const eventOptions: ImageEventOptions = {
      ...(o.imagePolicy && { imagePolicy: o.imagePolicy }),
      ...(o.maxImageBytes !== undefined && { maxImageBytes: o.maxImageBytes }),
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
      });
      const contentType = sent.response.headers.get('content-type') ?? '';
      if (contentType.includes('text/event-stream')) {
        yield* this.#readSse(sent, run, progress, eventOptions);
      } else {
        const text = await readAll(sent.first, sent.reader, run, progress).catch((e) => {
          throw run.toError(e, 'Reading the answer failed');
        });
        let json: unknown;
        try {
          json = parseEventJson(text);
        } catch (cause) {
          throw new InvalidResponseError(
            `The answer is not JSON (content-type ${contentType || 'missing'}): ${text.trim().slice(0, 80)}`,
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
    const interpreter = new ImageStreamInterpreter(eventOptions);
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
      progress.bytesReceived += read.value.byteLength;
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
