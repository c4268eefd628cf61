import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fixture, Timing } from '@lunos-image/msw';
import { replay } from '@lunos-image/msw/internal';
import { loadFixtureSet } from '@lunos-image/msw/node';

export const SUNSET_FIXTURE = 'chat/sunset-stream';

/**
 * `capped`: the recorded gaps, with any gap longer than 250 ms cut to 250 ms. The sunset stream
 * spends 8.5 s in four waits (310 ms for headers, 1.8, 2.4 and 3.9 s of keep-alives) during
 * which nothing arrives and nothing renders; the short gaps that decide how updates batch (12, 41
 * and 3 ms at the end, 10 ms between text deltas) and every chunk boundary stay as recorded.
 * `realtime`: every gap as recorded.
 */
export type ReplaySpeed = 'capped' | 'realtime';

const timings: Record<ReplaySpeed, Timing> = {
  capped: { speed: 1, maxGapMs: 250 },
  realtime: 'realtime',
};

/** The streams the render benchmark replays, and a `fetch` that serves each. */
export interface RenderStreams {
  /** `chat/sunset-stream`: keep-alives, a caption, the image, finish, usage, `[DONE]`. */
  sunset: Fixture;
  /** The text the sunset stream carries (its caption). */
  sunsetText: string;
  /** The same stream with its caption as `count` text deltas `gapMs` apart. */
  textDeltas: Fixture;
  /** What the text deltas add up to. */
  textOfDeltas: string;
  /** A `fetch` that answers any request with the fixture, replayed at the chosen speed. */
  fetchFor(fixture: Fixture): typeof fetch;
}

/** The `delta.content` of every data event, joined: the text a client should end with. */
function textOf(fixture: Fixture): string {
  const body = fixture.response.body;
  if (body.kind !== 'sse') throw new Error(`${fixture.id} is not a stream`);
  return body.events
    .map((event) => {
      if (!('data' in event) || typeof event.data !== 'object') return '';
      const chunk = event.data as { choices?: { delta?: { content?: unknown } }[] };
      const content = chunk.choices?.[0]?.delta?.content;
      return typeof content === 'string' ? content : '';
    })
    .join('');
}

function withTextDeltas(sunset: Fixture, count: number, gapMs: number): Fixture {
  const body = sunset.response.body;
  if (body.kind !== 'sse') throw new Error(`${SUNSET_FIXTURE} is not a stream`);
  const captionAt = body.events.findIndex((event) => 'data' in event);
  const caption = body.events[captionAt];
  if (!caption || !('data' in caption) || typeof caption.data !== 'object') {
    throw new Error(`${SUNSET_FIXTURE} does not start with a text chunk`);
  }
  const chunk = caption.data as { choices: [{ delta: Record<string, unknown> }] };
  const [choice] = chunk.choices;
  const deltas = Array.from({ length: count }, (_, i) => ({
    dt: gapMs,
    data: { ...chunk, choices: [{ ...choice, delta: { ...choice.delta, content: `w${i} ` } }] },
  }));
  return {
    ...sunset,
    id: 'bench/sunset-text-deltas',
    response: {
      ...sunset.response,
      body: {
        ...body,
        // One keep-alive, the deltas, then the recorded image, finish, usage and [DONE].
        events: [body.events[0]!, ...deltas, ...body.events.slice(captionAt + 1)],
      },
    },
  };
}

/** Loads the repository's fixtures (`@lunos-image/fixtures`) and builds the render streams. */
export async function loadRenderStreams(
  speed: ReplaySpeed,
  deltaCount = 200,
  deltaGapMs = 10,
): Promise<RenderStreams> {
  const dir = dirname(fileURLToPath(import.meta.resolve('@lunos-image/fixtures/package.json')));
  const set = await loadFixtureSet(dir);
  const sunset = set.get(SUNSET_FIXTURE);
  const textDeltas = withTextDeltas(sunset, deltaCount, deltaGapMs);
  return {
    sunset,
    sunsetText: textOf(sunset),
    textDeltas,
    textOfDeltas: textOf(textDeltas),
    fetchFor: (fixture) => (_input, init) =>
      replay(fixture, {
        timing: timings[speed],
        loadBlob: set.loadBlob,
        ...(init?.signal ? { signal: init.signal } : {}),
      }),
  };
}
