import type { ImageApi } from '@lunos-image/core';
import { CHAT_SCENARIOS, type FaultScenario } from './fault-scenarios';
import { IMAGES_SCENARIOS } from './images-scenarios';

/** The scenarios the Mock panel offers for a run over `api`: each wire has its own answers. */
export function scenariosFor(api: ImageApi): readonly FaultScenario[] {
  return api === 'images' ? IMAGES_SCENARIOS : CHAT_SCENARIOS;
}
