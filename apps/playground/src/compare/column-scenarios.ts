import type { ImageApi } from '@lunos-image/core';
import type { FaultScenario } from '../mock/fault-scenarios';
import { scenariosFor } from '../mock/scenarios-for';

/**
 * What one compare column can be told to answer: the API's errors and the stream faults of its
 * model's wire. Not the recordings, whose answer is another model's and prompt's.
 */
export function columnScenarios(api: ImageApi): readonly FaultScenario[] {
  return scenariosFor(api).filter((s) => s.group !== 'Recordings');
}
