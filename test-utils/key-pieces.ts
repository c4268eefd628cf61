/**
 * The key, and every 16-character run of its secret part (after the last `-`): a leak of a piece
 * of it counts too. Long enough that no hash or base64 image matches one by chance.
 */
export function keyPieces(key: string): string[] {
  const secret = key.split('-').at(-1)!;
  const pieces = [key];
  for (let i = 0; i + 16 <= secret.length; i++) pieces.push(secret.slice(i, i + 16));
  return pieces;
}
