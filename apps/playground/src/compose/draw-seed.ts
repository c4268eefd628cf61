/** The largest seed drawn: providers take 32-bit signed seeds, so stay within them. */
export const MAX_SEED = 2_147_483_647;

/** A seed for a run left to chance, drawn from the browser's CSPRNG (any source would do). */
export function drawSeed(): number {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return value % (MAX_SEED + 1);
}
