import { allocateBytes } from './base64';

/** Consecutive parts as one array: the only part itself, or one copy of them all. */
export function joinBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = allocateBytes(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Whether two lists of parts hold the same bytes, however each is cut. */
export function sameBytes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  let i = 0;
  let j = 0;
  let x = 0;
  let y = 0;
  for (;;) {
    while (i < a.length && x === a[i]!.length) {
      i++;
      x = 0;
    }
    while (j < b.length && y === b[j]!.length) {
      j++;
      y = 0;
    }
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i]![x++] !== b[j]![y++]) return false;
  }
}

/** The first `length` bytes of the parts (fewer if they hold fewer), copied only across parts. */
export function headOf(parts: readonly Uint8Array[], length: number): Uint8Array {
  const first = parts[0];
  if (first && (first.length >= length || parts.length === 1)) return first.subarray(0, length);
  const total = Math.min(
    length,
    parts.reduce((sum, part) => sum + part.length, 0),
  );
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    if (at === total) break;
    const piece = part.subarray(0, total - at);
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
