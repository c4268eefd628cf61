/**
 * Gemini 2.5 Flash Image as OpenRouter's `/models` lists it, with its prices: what a handler with
 * `limits.spend` reserves from.
 */
export const geminiPricedEntry = {
  id: 'google/gemini-2.5-flash-image',
  name: 'Gemini 2.5 Flash Image',
  architecture: { input_modalities: ['text', 'image'], output_modalities: ['image', 'text'] },
  pricing: { prompt: '0.0000003', completion: '0.0000025', image_output: '0.00003' },
};
