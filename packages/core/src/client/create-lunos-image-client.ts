import { scrubSecret } from '../errors/redact-secret';
import { ValidationError } from '../errors/validation-error';
import type { ImageModel } from '../models/image-model';
import { type DialectName, getDialect, type ModelFilters } from '../request/dialect';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import { trimTrailingSlash } from '../request/trim-trailing-slash';
import { routePath } from '../routes/route-path';
import type { ImageEventOptions } from '../stream/image-event-builder';
import type { ImageGenerationResult } from '../stream/image-generation-result';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import { findTracer } from '../telemetry/find-tracer';
import type { ClientTelemetryOptions } from '../telemetry/telemetry-tracer';
import { answerFormat } from './answer-format';
import {
  DEFAULT_MAX_IMAGES_PER_ANSWER,
  DEFAULT_MAX_RESPONSE_BYTES,
  MAX_QUOTED_BODY_BYTES,
} from './default-limits';
import type { GenerationPlan } from './generation-plan';
import type { GenerationTrace } from './generation-run';
import { ImageStream } from './image-stream';
import { isBrowser } from './is-browser';
import { isJobId } from './job-id';
import { loadChunk } from './load-chunk';
import { MeteredBody } from './metered-body';
import { readJson } from './read-json';
import { resolveApiKey } from './resolve-api-key';
import { RunSignal } from './run-signal';
import { sendWithRetry } from './send-with-retry';
import { resolveTimeouts, type TimeoutOption } from './timeouts';
import { unreadableAnswerError } from './unreadable-answer-error';
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
   * 2 min. Each is 1 to 2^31-1 ms, or `Infinity` for no limit; `0` (in either form) is a
   * `ValidationError`. A call's `timeout` overrides these for that call.
   */
  timeout?: TimeoutOption | undefined;
  /** A browser page can read anything it holds: an `apiKey` there needs this explicit opt-in. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Largest single SSE event accepted, in bytes. Default 64 MiB. */
  maxEventBytes?: number | undefined;
  /**
   * Largest answer body read, in decoded bytes (after gzip/br): a stream, a JSON answer, the
   * model list. Default 128 MiB (a 4K image with room to spare). Past it the body is cancelled
   * and the call fails with `ResponseTooLargeError`. An error body, or one of a content type that
   * is neither JSON nor SSE, is read only up to 1 MiB (or this, if smaller) and cut: the call
   * fails with the status's error class or an `InvalidResponseError` naming the content type.
   */
  maxResponseBytes?: number | undefined;
  /** Refuse (instead of warn about) settings the model is documented not to support. */
  strict?: boolean | undefined;
  /**
   * Where warnings about a request go when `strict` is off (a ratio or size the model is
   * documented not to support, `["image","text"]` for an image-only model), and, `strict` or not,
   * about `n` above what an Images API model makes (`n` is an upper bound): one call per warning,
   * before the request is sent. Default: `console.warn`. Pass `() => {}` to silence them.
   */
  onWarning?: ((warning: string) => void) | undefined;
  /** Lunos `X-App-ID`; OpenRouter `HTTP-Referer` / `X-Title`. */
  appId?: string | undefined;
  referer?: string | undefined;
  title?: string | undefined;
  /**
   * OpenTelemetry spans, one per generation (`generateImage`, `streamImage`, `resumeImage`), when
   * a tracer provider is registered with `@opentelemetry/api` (or `tracer` is given); `false`: none.
   * The prompt is recorded only with `recordPrompt: true`. See the README's "Telemetry".
   */
  telemetry?: ClientTelemetryOptions | false | undefined;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** This call's time limits, over the client's: as the client option, `0` refused. */
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
  /**
   * Reads a generation of a route handler with `jobs` (`createLunosImageHandler`) from its
   * start, by the id its stream gave (`ImageStream.jobId`), while it runs or until it expires:
   * after a reload, the same events and images. A running job is followed live to its end. An id
   * that is not a job id is a `ValidationError` (nothing sent); a job the handler does not know
   * (expired, another user's) is a `JobNotFoundError`.
   */
  resumeImage(id: string, options?: Omit<CallOptions, 'model'>): ImageStream;
  /** Image-capable models, filtered by the server (so image-only models are included). */
  listModels(filters?: ModelFilters, options?: Omit<CallOptions, 'model'>): Promise<ImageModel[]>;
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

  resumeImage(id: string, options?: Omit<CallOptions, 'model'>) {
    const check = () =>
      isJobId(id)
        ? validateCallArguments('resumeImage', { name: 'id', value: {} }, options)
        : new ValidationError('resumeImage arguments', [
            {
              path: 'id',
              code: 'invalid_value',
              message: `must be a job id as ImageStream.jobId gives it (22 to 128 of A-Z a-z 0-9 _ -; got ${shown(id)})`,
            },
          ]);
    return this.#open(check, options, () => ({ jobId: id }), undefined);
  }

  #start(variables: GenerateImageVariables, options: CallOptions | undefined, stream: boolean) {
    return this.#open(
      () => validateCallArguments('generation', { name: 'variables', value: variables }, options),
      options,
      () => ({
        variables: { ...variables, stream: variables.stream ?? stream },
        model: options?.model,
      }),
      variables?.n,
    );
  }

  get #recordsPrompt(): boolean {
    const telemetry = this.#options.telemetry;
    return telemetry !== false && telemetry?.recordPrompt === true;
  }

  /** A run of `start` once `check` passed; a failed check is the stream's rejection. */
  #open(
    check: () => ValidationError | undefined,
    options: CallOptions | undefined,
    start: () => GenerationPlan['start'],
    slots: number | undefined,
  ): ImageStream {
    const call = options ?? {};
    let run: RunSignal;
    try {
      const invalid = check();
      if (invalid) throw invalid;
      run = new RunSignal(call.signal, resolveTimeouts(this.#options.timeout, call.timeout));
    } catch (error) {
      // Rejected through the stream (iteration and result()), never thrown synchronously.
      return new ImageStream(rejected(error), new RunSignal(undefined, resolveTimeouts()));
    }
    const telemetry = this.#options.telemetry;
    const tracer = telemetry === false ? undefined : (telemetry?.tracer ?? findTracer());
    const trace = tracer && { tracer, dialect: this.dialect, recordsPrompt: this.#recordsPrompt };
    return new ImageStream(generation(this.#plan(start(), call), run, trace), run, slots);
  }

  /** This call's settings, resolved: the event source reads them and calls nothing back. */
  #plan(start: GenerationPlan['start'], options: CallOptions): GenerationPlan {
    const o = this.#options;
    return {
      start,
      baseURL: this.baseURL,
      request: {
        dialect: this.dialect,
        baseURL: this.baseURL,
        appId: o.appId,
        referer: o.referer,
        title: o.title,
        ...(o.strict !== undefined && { strict: o.strict }),
        ...(options.model && { model: options.model }),
      },
      headers: this.#headers(),
      fetch: this.#fetch,
      maxRetries: o.maxRetries ?? 2,
      maxResponseBytes: this.#maxResponseBytes,
      maxEventBytes: o.maxEventBytes,
      events: {
        ...(o.imagePolicy && { imagePolicy: o.imagePolicy }),
        ...(o.maxImageBytes !== undefined && { maxImageBytes: o.maxImageBytes }),
        maxImagesPerAnswer: o.maxImagesPerAnswer ?? DEFAULT_MAX_IMAGES_PER_ANSWER,
      } satisfies ImageEventOptions,
      secret: this.#apiKey,
      onWarning: o.onWarning ?? ((warning) => console.warn(`[lunos-image] ${warning}`)),
    };
  }

  async listModels(filters?: ModelFilters, options?: Omit<CallOptions, 'model'>) {
    const invalid = validateCallArguments(
      'listModels',
      { name: 'filters', value: filters, optional: true },
      options,
    );
    if (invalid) throw invalid;
    const run = new RunSignal(
      options?.signal,
      resolveTimeouts(this.#options.timeout, options?.timeout),
    );
    run.start();
    try {
      // The list's GET leaves at once; what reads it (catalog parsing, pricing) loads meanwhile,
      // by import() where first used: apps that never list models never load it.
      const images = filters?.api === 'images';
      const [list, { readModelList }] = await Promise.all([
        images
          ? this.#getJson(routePath('image-models'), run, 'The image model list')
          : this.#getJson(
              `${routePath('models')}${getDialect(this.dialect).modelsQuery(filters ?? {})}`,
              run,
              'The model list',
            ),
        loadChunk(() => import('./list-models'), 'reads the model list'),
      ]);
      return await readModelList(this.dialect, filters, list, (path, what) =>
        this.#getJson(path, run, what),
      );
    } catch (error) {
      throw scrubSecret(error, this.#apiKey);
    } finally {
      run.dispose();
    }
  }

  /** A GET under `baseURL` answered with JSON, read within the limits of the run. */
  async #getJson(path: string, run: RunSignal, what: string): Promise<unknown> {
    const sent = await sendWithRetry({
      url: `${this.baseURL}${path}`,
      init: { method: 'GET', headers: this.#headers({ accept: 'application/json' }) },
      fetch: this.#fetch,
      run,
      maxRetries: this.#options.maxRetries ?? 2,
      errorContext: { secret: this.#apiKey },
      maxResponseBytes: this.#maxResponseBytes,
    });
    const body = new MeteredBody(sent.reader, {
      maxBytes: this.#maxResponseBytes,
      first: sent.first,
      run,
      what: `Reading ${what.charAt(0).toLowerCase()}${what.slice(1)} failed`,
    });
    const contentType = sent.response.headers.get('content-type') ?? '';
    if (answerFormat(contentType) !== 'json') {
      throw await unreadableAnswerError({
        body,
        contentType,
        what,
        expected: 'JSON',
        secret: this.#apiKey,
        maxBytes: Math.min(this.#maxResponseBytes, MAX_QUOTED_BODY_BYTES),
      });
    }
    const json = await readJson(body, what, this.#apiKey).catch((e) => {
      body.return();
      throw e;
    });
    run.check();
    return json;
  }
}

/** A value as a message shows it: a string's start, quoted, or its type. */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/**
 * A generation's events, its code loaded by `import()` when it is first pulled (the request
 * leaves once it has loaded): a page that creates a client loads only the client's shell, and
 * the generation code (request building, the answer's parsing and byte path, jobs, the Images
 * wire) when the first generation starts. The run starts before the load, so the caller's
 * signal, `abort()` and the total time limit also end a load that hangs (a chunk fetched over a
 * stalled network has no end of its own).
 */
async function* generation(
  plan: GenerationPlan,
  run: RunSignal,
  trace: GenerationTrace | undefined,
): AsyncGenerator<ImageStreamEvent[], void, undefined> {
  run.start();
  let code: typeof import('./generation-run');
  try {
    code = await untilStopped(
      run,
      loadChunk(() => import('./generation-run'), 'runs a generation'),
    );
  } catch (error) {
    run.dispose();
    throw error;
  }
  yield* code.generationRun(plan, run, trace);
}

/** `work`, unless the run stops first: then the run's reason. */
function untilStopped<T>(run: RunSignal, work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(run.reason);
    if (run.signal.aborted) return stop();
    run.signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => run.signal.removeEventListener('abort', stop));
  });
}

async function* rejected(error: unknown): AsyncGenerator<never, void, undefined> {
  yield* [];
  throw error;
}

/**
 * A client for Lunos (default) or OpenRouter image generation. The key is held privately: it is
 * sent only in the `Authorization` header to `baseURL` and appears in no error, log or `toJSON`.
 */
export function createLunosImageClient(options: LunosImageClientOptions = {}): LunosImageClient {
  return new Client(options);
}
