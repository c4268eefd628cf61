import type { Fixture, FixtureSet } from '@lunos-image/msw';

export const TEXT_DELTAS_FIXTURE = 'test/sunset-200-text-deltas';

/**
 * The recorded sunset stream with its text cut into `count` deltas, `gapMs` apart (200 × 10 ms:
 * two seconds of text), followed by the recorded image, finish and usage events. Chosen by id.
 */
export function textDeltasFixture(repo: FixtureSet, count = 200, gapMs = 10): Fixture {
  const sunset = repo.get('chat/sunset-stream');
  const body = sunset.response.body;
  if (body.kind !== 'sse') throw new Error('chat/sunset-stream is not a stream');
  const firstData = body.events.findIndex((e) => 'data' in e);
  const template = body.events[firstData];
  if (!template || !('data' in template) || typeof template.data !== 'object') {
    throw new Error('chat/sunset-stream does not start with a text chunk');
  }
  const chunk = template.data as { choices: [{ delta: Record<string, unknown> }] };
  const deltas = Array.from({ length: count }, (_, i) => ({
    dt: gapMs,
    data: {
      ...chunk,
      choices: [{ ...chunk.choices[0], delta: { ...chunk.choices[0].delta, content: `w${i} ` } }],
    },
  }));
  const rest = body.events.slice(firstData + 1).map((e) => ({ ...e, dt: gapMs }));
  return {
    ...sunset,
    id: TEXT_DELTAS_FIXTURE,
    description: `chat/sunset-stream with its text as ${count} deltas ${gapMs} ms apart`,
    request: { ...sunset.request, match: { on: [] } },
    response: {
      ...sunset.response,
      headersAfterMs: 0,
      body: { ...body, events: [...body.events.slice(0, firstData), ...deltas, ...rest] },
    },
  };
}

/** The text `textDeltasFixture` streams. */
export const textOfDeltas = (count = 200) =>
  Array.from({ length: count }, (_, i) => `w${i} `).join('');
