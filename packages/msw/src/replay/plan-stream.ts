import { imagesErrorEvent } from '../catalogue/images-answer';
import type { SseFixtureEvent } from '../fixture/fixture-schema';
import type { FixtureWire } from '../fixture/fixture-wire';
import type { ParsedFault } from './fault-schema';

export interface StreamPlan {
  events: SseFixtureEvent[];
  end: 'close' | 'drop' | 'hang';
  /** Reset the connection after this many body bytes (a `drop` fault with `afterBytes`). */
  dropAfterBytes?: number;
  /** Extra wait before the end (a `stall` fault placed after the last event). */
  endDelayMs: number;
}

export const KEEP_ALIVE_COMMENT = ' OPENROUTER PROCESSING';

type DataObject = Record<string, unknown>;

function dataObject(event: SseFixtureEvent): DataObject | undefined {
  if (!('data' in event)) return undefined;
  const data = event.data;
  return typeof data === 'object' && !Array.isArray(data) ? data : undefined;
}

function hasFinish(data: DataObject): boolean {
  const choices = data.choices;
  return (
    Array.isArray(choices) &&
    choices.some((c) => {
      const reason = (c as { finish_reason?: unknown } | null)?.finish_reason;
      return reason !== null && reason !== undefined;
    })
  );
}

/**
 * Index of the first event that ends the stream (or, on the Images API, an image) for a client:
 * a finish chunk, an `image_generation.completed` event or `[DONE]`.
 */
function firstTerminal(events: readonly SseFixtureEvent[]): number {
  const i = events.findIndex((e) => {
    if (!('data' in e)) return false;
    if (e.data === '[DONE]') return true;
    const data = dataObject(e);
    return data !== undefined && (hasFinish(data) || data.type === 'image_generation.completed');
  });
  return i === -1 ? events.length : i;
}

/** Just after the first JSON data event: the stream has visibly started. */
function afterFirstData(events: readonly SseFixtureEvent[]): number {
  const i = events.findIndex((e) => dataObject(e) !== undefined);
  return i === -1 ? 0 : i + 1;
}

function clampIndex(i: number, events: readonly unknown[]): number {
  return Math.max(0, Math.min(events.length, i));
}

/**
 * The event OpenRouter sends when generation fails after the headers: a chat chunk with
 * `finish_reason: "error"` (api-wire-format §4.5), or the Images API's `{type:"error"}` event
 * (§9), whose code is a string.
 */
function inBandError(
  events: readonly SseFixtureEvent[],
  fault: Extract<ParsedFault, { type: 'in-band-error' }>,
  wire: FixtureWire,
): SseFixtureEvent {
  if (wire === 'images') {
    const code = fault.code === undefined ? 'server_error' : String(fault.code);
    return { dt: 0, data: imagesErrorEvent(code, fault.message ?? 'Generation failed') };
  }
  const template = events.map(dataObject).find((d) => d !== undefined) ?? {};
  const code = fault.code ?? 502;
  return {
    dt: 0,
    data: {
      id: template.id ?? 'gen-FIXTURE-error',
      object: 'chat.completion.chunk',
      created: template.created ?? 0,
      model: template.model ?? 'unknown',
      provider: template.provider ?? 'Google AI Studio',
      error: {
        code,
        message: fault.message ?? 'Provider returned error',
        metadata: { error_type: fault.errorType ?? 'provider_unavailable' },
      },
      choices: [
        { index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: 'error' },
      ],
    },
  };
}

/**
 * Applies stream faults to a fixture's events. Faults act in the order given, each counting
 * `afterEvents` in the stream as left by the ones before it; `keep-alive` acts last, so it never
 * shifts another fault's position.
 */
export function planStream(
  events: readonly SseFixtureEvent[],
  end: StreamPlan['end'],
  faults: readonly ParsedFault[],
  wire: FixtureWire = 'chat',
): StreamPlan {
  const plan: StreamPlan = { events: events.map((e) => ({ ...e })), end, endDelayMs: 0 };
  for (const fault of faults) {
    const list = plan.events;
    switch (fault.type) {
      case 'drop': {
        if (fault.afterBytes !== undefined) plan.dropAfterBytes = fault.afterBytes;
        else
          plan.events = list.slice(
            0,
            clampIndex(fault.afterEvents ?? Math.floor(list.length / 2), list),
          );
        plan.end = 'drop';
        break;
      }
      case 'truncate': {
        plan.events = list.slice(0, clampIndex(fault.afterEvents ?? firstTerminal(list), list));
        plan.end = 'close';
        break;
      }
      case 'stall': {
        const at = clampIndex(fault.afterEvents ?? afterFirstData(list), list);
        if (fault.ms === undefined) {
          plan.events = list.slice(0, at);
          plan.end = 'hang';
        } else if (at < list.length) {
          const next = list[at]!;
          list[at] = { ...next, dt: next.dt + fault.ms };
        } else {
          plan.endDelayMs += fault.ms;
        }
        break;
      }
      case 'malformed': {
        const at = clampIndex(fault.afterEvents ?? afterFirstData(list), list);
        const line =
          fault.line ??
          'data: {"id":"gen-FIXTURE-malformed","choices":[{"index":0,"delta":{"content":"';
        list.splice(at, 0, { dt: 0, raw: `${line}\n\n` });
        break;
      }
      case 'in-band-error': {
        const at = clampIndex(fault.afterEvents ?? afterFirstData(list), list);
        plan.events = [
          ...list.slice(0, at),
          inBandError(list, fault, wire),
          { dt: 0, data: '[DONE]' },
        ];
        plan.end = 'close';
        break;
      }
      default:
        break;
    }
  }
  const keepAlive = faults.filter((f) => f.type === 'keep-alive');
  for (const fault of keepAlive) {
    const out: SseFixtureEvent[] = [];
    for (const event of plan.events) {
      if ('data' in event) {
        // Spread the comments over the gap before the data event, keeping its total length.
        const share = event.dt / (fault.count + 1);
        for (let i = 0; i < fault.count; i++) out.push({ dt: share, comment: KEEP_ALIVE_COMMENT });
        out.push({ ...event, dt: share });
      } else {
        out.push(event);
      }
    }
    plan.events = out;
  }
  return plan;
}
