import type { ROUTES, RouteName } from '@lunos-image/core/internal';
import type { FixtureDialect } from '../fixture/fixture-schema';
import type { Chunking } from '../replay/chunking-schema';
import type { Fault } from '../replay/fault-schema';
import type { LineEnding } from '../replay/replay';
import type { Timing } from '../replay/timing-schema';

/**
 * The routes the mock answers: every route of core's route table that the upstream API serves
 * (chat completions, the model list, OpenRouter's Images API and its listings), by the table's
 * names. The routes only the route handler serves are not the API's, so the mock has none.
 */
export type MockRoute = {
  [K in RouteName]: (typeof ROUTES)[K]['servedBy'] extends 'upstream' ? K : never;
}[RouteName];

/** What to do with the next request(s): a fixture to answer with, faults, timing, chunking. */
export interface MockScenario {
  /** Answer with this fixture, whatever the request says. */
  fixture?: string;
  faults?: readonly Fault[];
  timing?: Timing;
  chunking?: Chunking;
  lineEnding?: LineEnding;
  /** Which endpoint it applies to; default `chat`. */
  route?: MockRoute;
  /** How many requests it applies to; default 1. */
  times?: number;
}

export interface MockCall {
  /** 1, 2, 3... in arrival order. */
  seq: number;
  route: MockRoute;
  method: string;
  url: string;
  dialect: FixtureDialect;
  /** Lower-case names; credentials shown as `Bearer <redacted>`. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined for GET or an unparsable body). */
  body: unknown;
  /** How it was answered (`models` for a listing answered from the catalogue). */
  answer: {
    kind: 'fixture' | 'synthesized' | 'invalid' | 'unauthorized' | 'unmatched' | 'models';
    fixtureId?: string;
    status: number;
  };
  faults: readonly Fault[];
}
