import { redactText } from '../errors/redact-secret';
import type { ImageModel } from '../models/image-model';
import type { BuildChatRequestOptions } from '../request/build-chat-request';
import type { GenerateImageVariables } from '../request/generate-image-variables';
import type { SseParserOptions } from '../sse/create-sse-parser';
import type { ImageEventOptions } from '../stream/image-event-builder';
import type { StreamInterpreter } from '../stream/stream-interpreter';
import type { GenerationWire } from '../wires/generation-wire';

/** Everything one generation needs, as data: the client's settings resolved for this call. */
export interface GenerationPlan {
  /**
   * What the run reads: a new generation (its variables, and the model's catalog entry when the
   * caller passed it), or a job of the route handler from its start (`resumeImage`).
   */
  start: { variables: GenerateImageVariables; model: ImageModel | undefined } | { jobId: string };
  /** Where the API (or the route handler) is: the job routes are below it too. */
  baseURL: string;
  /** How the request is built: dialect, `baseURL`, attribution, strictness. */
  request: BuildChatRequestOptions;
  /** Sent with every request: the caller's headers and the authorization. */
  headers: Record<string, string>;
  fetch: typeof fetch;
  maxRetries: number;
  maxResponseBytes: number;
  maxEventBytes: number | undefined;
  events: ImageEventOptions;
  /** The key, to scrub from every error and every quoted piece of an answer. */
  secret: string | undefined;
  onWarning: (warning: string) => void;
}

/**
 * How the run's SSE is parsed: long base64 image strings are decoded from the network bytes as
 * they arrive, never made into a 20 MB string first (the interpreters resolve the parser's refs).
 */
export function sseParserOptions(plan: GenerationPlan): SseParserOptions {
  return plan.maxEventBytes === undefined
    ? { imageBytes: true }
    : { imageBytes: true, maxEventBytes: plan.maxEventBytes };
}

/** The wire's interpreter with the run's image options, quoting nothing of the key. */
export function interpreterFor(wire: GenerationWire, plan: GenerationPlan): StreamInterpreter {
  return wire.interpreter({ ...plan.events, redact: (text) => redactText(text, [plan.secret]) });
}
