import type * as z from 'zod/mini';
import type { BuildChatRequestOptions } from '../request/build-chat-request';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import type { GenerationHttpRequest } from '../request/generation-request';
import type { SseImageBytes } from '../sse/sse-item';
import type { ImageEventOptions } from '../stream/image-event-builder';
import type { ImageStreamEvent } from '../stream/image-stream-event';
import type { ImageStreamInterpreterOptions } from '../stream/image-stream-interpreter-options';
import type { StreamInterpreter } from '../stream/stream-interpreter';

/** What a generation request asks for, counted the same way on every wire. */
export interface RequestDemands {
  /** Every model the request could be routed to (OpenRouter's fallback `models` included). */
  modelIds: readonly string[];
  promptChars: number;
  referenceImages: number;
}

/**
 * What a generation route (`ROUTES[name].wire`) speaks: how its request is built and checked, and
 * how its answer (SSE or one JSON body) becomes `ImageStreamEvent`s. Everything after this
 * (stream, store, observers, hooks) sees only the events; the route handler checks bodies with
 * `requestSchema` and counts `requestDemands` against its limits.
 */
export interface GenerationWire<TRequest = unknown> {
  build(
    variables: GenerateImageVariables,
    options: BuildChatRequestOptions,
  ): Promise<GenerationHttpRequest<unknown>>;
  interpreter(options: ImageStreamInterpreterOptions): StreamInterpreter;
  /**
   * A JSON answer → its events. `images`: bytes standing in the answer as refs (an SSE parser's
   * `imageBytes`, a job's images fetched by URL), resolved as the interpreters resolve them.
   */
  answerEvents(
    json: unknown,
    options: ImageEventOptions,
    images?: readonly SseImageBytes[],
  ): ImageStreamEvent[];
  /** The request body as the API takes it. */
  readonly requestSchema: z.ZodMiniType<TRequest>;
  /** What a refused body is called in the error (`chat completions request`). */
  readonly requestName: string;
  /** What a request that passed `requestSchema` asks for. */
  requestDemands(request: TRequest): RequestDemands;
}
