import type { FixtureDialect } from '../fixture/fixture-schema';
import type { Chunking } from '../replay/chunking-schema';
import type { Fault } from '../replay/fault-schema';
import type { LineEnding } from '../replay/replay';
import type { Timing } from '../replay/timing-schema';

/**
 * The routes the mock answers: chat completions, the model list, and OpenRouter's Images API
 * (`POST /images`, `GET /images/models`, `GET /images/models/{author}/{slug}/endpoints`).
 */
export type MockRoute = 'chat' | 'models' | 'images' | 'image-models' | 'image-endpoints';

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
