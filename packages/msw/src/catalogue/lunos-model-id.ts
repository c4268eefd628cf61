import type { MockModel } from './mock-models';

/**
 * The id Lunos lists (and takes) a catalogue model under. Lunos serves image generation through
 * OpenRouter, and its docs name those models `openrouter/<OpenRouter id>`
 * (`openrouter/google/gemini-2.5-flash-image`, api-wire-format.md §2.6 and §6.2); a text model
 * keeps its own provider's id (`openai/gpt-4o` in the model-list docs). Core's
 * `canonicalModelId` maps a Lunos id back to the OpenRouter one.
 */
export function lunosModelId(model: MockModel): string {
  return model.output.includes('image') ? `openrouter/${model.id}` : model.id;
}
