import type { SseFixtureEvent } from '../fixture/fixture-schema';
import { serializeSseEvent } from '../replay/serialize-sse-event';

const delimiters = ['\r\n\r\n', '\n\n', '\r\r'] as const;

function firstDelimiter(text: string): { at: number; eol: string } | undefined {
  let best: { at: number; eol: string } | undefined;
  for (const d of delimiters) {
    const at = text.indexOf(d);
    if (at !== -1 && (!best || at < best.at)) best = { at, eol: d.slice(0, d.length / 2) };
  }
  return best;
}

/** The structured form of one SSE block if it re-serializes to the same text, else undefined. */
function structured(block: string, eol: string): Omit<SseFixtureEvent, 'dt'> | undefined {
  const lines = block.slice(0, block.length - eol.length * 2).split(eol);
  let candidate: Record<string, unknown> | undefined;
  if (lines.length === 1 && lines[0]!.startsWith(':')) {
    candidate = { comment: lines[0]!.slice(1) };
  } else if (lines.length === 1 && /^retry: \d+$/.test(lines[0]!)) {
    candidate = { retry: Number(lines[0]!.slice(7)) };
  } else {
    const fields: Record<string, string> = {};
    for (const line of lines) {
      const m = /^(event|id|data): (.*)$/.exec(line);
      if (!m || m[1]! in fields) return undefined;
      fields[m[1]!] = m[2]!;
    }
    if (fields.data === undefined) return undefined;
    let data: unknown = fields.data;
    try {
      const parsed: unknown = JSON.parse(fields.data);
      if (typeof parsed === 'object' && parsed !== null && JSON.stringify(parsed) === fields.data)
        data = parsed;
    } catch {
      // Not JSON (e.g. [DONE]): kept as the string it is.
    }
    candidate = {
      data,
      ...(fields.event === undefined ? {} : { event: fields.event }),
      ...(fields.id === undefined ? {} : { id: fields.id }),
    };
  }
  const event = { dt: 0, ...candidate } as SseFixtureEvent;
  return serializeSseEvent(event, eol) === block ? candidate : undefined;
}

/**
 * Turns a stream's text, as it arrives, into fixture events stamped with the time each one
 * completed. An event is stored structured only when re-serializing it gives back the exact bytes;
 * anything else (odd spacing, multi-line data, a trailing fragment) is kept as `raw`.
 */
export class SseBlockRecorder {
  readonly events: SseFixtureEvent[] = [];
  lineEnding: '\n' | '\r\n' | '\r' = '\n';
  private buffer = '';
  private last = 0;
  private sawEnding = false;

  /** Text received `at` ms after the response headers. */
  push(text: string, at: number): void {
    this.buffer += text;
    for (;;) {
      const found = firstDelimiter(this.buffer);
      // A lone trailing CR may be the first half of CRLF: wait for the next chunk.
      if (!found || (found.eol === '\r' && this.buffer[found.at + 2] === undefined)) break;
      const end = found.at + found.eol.length * 2;
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end);
      if (!this.sawEnding) {
        this.lineEnding = found.eol as '\n' | '\r\n' | '\r';
        this.sawEnding = true;
      }
      const event = structured(block, found.eol);
      const dt = Math.max(0, Math.round(at - this.last));
      this.last = at;
      this.events.push(event ? ({ dt, ...event } as SseFixtureEvent) : { dt, raw: block });
    }
  }

  /** The stream ended `at` ms after the headers: anything left over is kept verbatim. */
  finish(at: number): void {
    if (this.buffer) {
      this.events.push({ dt: Math.max(0, Math.round(at - this.last)), raw: this.buffer });
      this.buffer = '';
    }
  }
}
