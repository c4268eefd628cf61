import { redactText, secretRuns } from '@lunos-image/core/internal';

/**
 * Scrubs a recording before it is written: every known secret becomes `<API_KEY>`, generation
 * ids become stable placeholders (`gen-FIXTURE-1`, ...) and user ids become `user_FIXTURE`, so a
 * re-recording diffs cleanly and nothing identifies the account.
 */
export function createRedactor(secrets: readonly string[]): <T>(value: T) => T {
  const ids = new Map<string, string>();
  const usable = secrets.filter((s) => s.length >= 4);
  const scrub = (text: string): string => {
    let out = text;
    // Long secrets: any run of 8+ of their characters (a cut or split key leaks nothing either).
    out = redactText(out, usable, '<API_KEY>');
    for (const secret of usable) out = out.split(secret).join('<API_KEY>');
    out = out.replace(/gen-\d{6,}-[A-Za-z0-9]{8,}/g, (id) => {
      let placeholder = ids.get(id);
      if (!placeholder) {
        placeholder = `gen-FIXTURE-${ids.size + 1}`;
        ids.set(id, placeholder);
      }
      return placeholder;
    });
    return out;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'user_id' ? 'user_FIXTURE' : scrub(value);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return <T>(value: T) => walk(value) as T;
}

/** The text fields of a streamed delta that a model writes piece by piece. */
const TEXT_FIELDS = ['content', 'reasoning'] as const;

type TextSlot = { holder: Record<string, unknown>; field: string; text: string };

/**
 * The pieces of text a model writes across the events of a stream, by stream: a chat chunk's
 * `delta.content` and `delta.reasoning` per choice, an Images API `image_generation.text_chunk`'s
 * `text` per phase.
 */
function textSlots(events: readonly object[]): Map<string, TextSlot[]> {
  const streams = new Map<string, TextSlot[]>();
  const add = (key: string, holder: Record<string, unknown>, field: string) => {
    const text = holder[field];
    if (typeof text !== 'string' || text === '') return;
    const slots = streams.get(key) ?? [];
    slots.push({ holder, field, text });
    streams.set(key, slots);
  };
  for (const event of events) {
    const data = ('data' in event ? event.data : undefined) as Record<string, unknown> | undefined;
    if (typeof data !== 'object' || data === null) continue;
    if (data.type === 'image_generation.text_chunk') {
      add(`images/${String(data.phase ?? 'content')}`, data, 'text');
      continue;
    }
    if (!Array.isArray(data.choices)) continue;
    for (const [position, choice] of data.choices.entries()) {
      const delta = (choice as { delta?: unknown } | null)?.delta;
      if (typeof delta !== 'object' || delta === null) continue;
      const index = (choice as { index?: unknown }).index ?? position;
      for (const field of TEXT_FIELDS) {
        add(`${String(index)}/${field}`, delta as Record<string, unknown>, field);
      }
    }
  }
  return streams;
}

/**
 * A key the model echoes can arrive cut across text deltas ("…sk-or-v" in one event, "1-9f…" in
 * the next), each piece shorter than the run that per-string redaction needs. So, per stream of
 * text (a chat choice's field, an Images API phase), the text of consecutive events is joined,
 * every run of a secret is found in the whole, and each piece loses what it holds of a run: the
 * piece where a run starts says `<API_KEY>`, the pieces after it drop their part. Mutates
 * `events`' data in place.
 */
export function redactAcrossDeltas(events: readonly object[], secrets: readonly string[]) {
  const streams = textSlots(events);
  for (const slots of streams.values()) {
    const whole = slots.map((s) => s.text).join('');
    const runs: Array<[number, number]> = [];
    // Several secrets (the bearer and apiKey are often the same key) give overlapping runs: one.
    for (const [start, end] of secrets
      .flatMap((secret) => secretRuns(whole, secret))
      .sort((a, b) => a[0] - b[0])) {
      const last = runs.at(-1);
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else runs.push([start, end]);
    }
    if (runs.length === 0) continue;
    let offset = 0;
    for (const slot of slots) {
      const from = offset;
      const to = offset + slot.text.length;
      offset = to;
      let text = '';
      let at = from;
      for (const [start, end] of runs) {
        if (end <= at || start >= to) continue;
        text += whole.slice(at, Math.max(at, start));
        if (start >= from) text += '<API_KEY>';
        at = Math.min(end, to);
      }
      text += whole.slice(at, to);
      slot.holder[slot.field] = text;
    }
  }
}
