/** A generation id shaped like OpenRouter's (`gen-<created>-<20 letters>`), drawn from `seed`. */
export function generationId(seed: number, created: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0, x = seed || 1; i < 20; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    id += alphabet[x % alphabet.length];
  }
  return `gen-${created}-${id}`;
}
