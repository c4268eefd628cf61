import type { SseFixtureEvent } from '../fixture/fixture-schema';

/**
 * The wire text of one fixture event. `data` objects are sent as compact JSON (what the API
 * sends); a string is sent as is, one `data:` line per line of it. `raw` ignores `eol`.
 */
export function serializeSseEvent(event: SseFixtureEvent, eol: string): string {
  if ('raw' in event) return event.raw;
  if ('comment' in event) return `:${event.comment}${eol}${eol}`;
  if ('retry' in event) return `retry: ${event.retry}${eol}${eol}`;
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event}${eol}`;
  if (event.id !== undefined) out += `id: ${event.id}${eol}`;
  const text = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}${eol}`;
  return out + eol;
}
