import type { Fixture } from '@lunos-image/msw';
import { type ComponentType, createElement } from 'react';
import type { RenderStreams } from '../inputs/sunset-replay';
import { countCommits, type Probe } from './count-commits';
import { type Scenarios, textReaderThrottleMs } from './scenario';

/** What every view gets: the probe, the competitor's client (or transport), a throttle. */
export interface ViewProps<TSource> {
  probe: Probe;
  source: TSource;
  throttleMs?: number;
}

/** A competitor's three views: everything, only the status, only the text. */
export interface Views<TSource> {
  full: ComponentType<ViewProps<TSource>>;
  status: ComponentType<ViewProps<TSource>>;
  text: ComponentType<ViewProps<TSource>>;
}

/**
 * The scenarios, played the same way for every competitor: which view, over which stream, with
 * which throttle. `sourceFor` turns the replay's fetch into the competitor's client or transport.
 */
export function scenariosOf<TSource>(
  views: Views<TSource>,
  sourceFor: (fetch: typeof globalThis.fetch) => TSource,
): Scenarios {
  const play = (
    View: ComponentType<ViewProps<TSource>>,
    streams: RenderStreams,
    fixture: Fixture,
    throttleMs?: number,
  ) =>
    countCommits((probe) =>
      createElement(View, {
        probe,
        source: sourceFor(streams.fetchFor(fixture)),
        ...(throttleMs !== undefined && { throttleMs }),
      }),
    );
  return {
    sunset: (streams) => play(views.full, streams, streams.sunset),
    'status-reader': (streams) => play(views.status, streams, streams.textDeltas),
    'text-reader': (streams) => play(views.text, streams, streams.textDeltas, textReaderThrottleMs),
  };
}
