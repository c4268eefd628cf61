import type { RenderStreams } from '../inputs/sunset-replay';
import type { RenderRun } from './count-commits';

/**
 * `sunset`: a view showing status, text and image, over the sunset stream. `status-reader`: a
 * view reading only the status, over 200 text deltas. `text-reader`: a view reading only the
 * text, with a 50 ms throttle, over the same 200 deltas.
 */
export type ScenarioName = 'sunset' | 'status-reader' | 'text-reader';

export const scenarioNames: readonly ScenarioName[] = ['sunset', 'status-reader', 'text-reader'];

/** One competitor's way to play each scenario once. */
export type Scenarios = Record<ScenarioName, (streams: RenderStreams) => Promise<RenderRun>>;

export const prompt = 'Generate a beautiful sunset over mountains';

/** The throttle both competitors get in the text-reader scenario (the react issue's bar). */
export const textReaderThrottleMs = 50;
