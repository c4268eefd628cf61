/** The recorded-format fixture `images/city-stream`: two images, each after its previews. */
export const CITY = {
  model: 'openai/gpt-image-1',
  prompt: 'A futuristic city skyline at night',
  api: 'images',
  n: 2,
  size: '1536x1024',
} as const;
