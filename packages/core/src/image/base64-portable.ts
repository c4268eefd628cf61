const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Char code → 6-bit value; 255 for every character outside the standard alphabet. */
const decodeTable = /* @__PURE__ */ (() => {
  const table = new Uint8Array(256).fill(255);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

const encodeTable = /* @__PURE__ */ (() => {
  const table = new Uint16Array(64);
  for (let i = 0; i < alphabet.length; i++) table[i] = alphabet.charCodeAt(i);
  return table;
})();

/** Bytes encoded per `String.fromCharCode` call: a multiple of 3, small enough for its arguments. */
const encodeBlock = 3 * 4096;

/**
 * Standard base64 (with padding) in plain JavaScript, for runtimes with neither
 * `Uint8Array.prototype.toBase64` nor `Buffer`.
 */
export function encodeBase64Portable(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Uint16Array((encodeBlock / 3) * 4);
  for (let start = 0; start < bytes.length; start += encodeBlock) {
    const end = Math.min(start + encodeBlock, bytes.length);
    let o = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      codes[o++] = encodeTable[v >> 18]!;
      codes[o++] = encodeTable[(v >> 12) & 63]!;
      codes[o++] = encodeTable[(v >> 6) & 63]!;
      codes[o++] = encodeTable[v & 63]!;
    }
    if (i < end) {
      const v = (bytes[i]! << 16) | (i + 1 < end ? bytes[i + 1]! << 8 : 0);
      codes[o++] = encodeTable[v >> 18]!;
      codes[o++] = encodeTable[(v >> 12) & 63]!;
      codes[o++] = i + 1 < end ? encodeTable[(v >> 6) & 63]! : 61;
      codes[o++] = 61;
    }
    parts.push(String.fromCharCode.apply(null, codes.subarray(0, o) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Decodes `base64` (standard alphabet, padding optional, no whitespace) into `out`, which must be
 * exactly the decoded length. Throws a `SyntaxError` at the first character outside the alphabet.
 */
export function decodeBase64Portable(base64: string, out: Uint8Array): void {
  let length = base64.length;
  // At most two padding characters; any other '=' is an invalid character below.
  for (let k = 0; k < 2 && length > 0 && base64.charCodeAt(length - 1) === 61; k++) length--;
  let o = 0;
  let i = 0;
  const whole = length - (length % 4);
  for (; i < whole; i += 4) {
    const c0 = base64.charCodeAt(i);
    const c1 = base64.charCodeAt(i + 1);
    const c2 = base64.charCodeAt(i + 2);
    const c3 = base64.charCodeAt(i + 3);
    // Code units above 255 would alias table slots under `& 255`; they are rejected here instead.
    const a = decodeTable[c0 & 255]!;
    const b = decodeTable[c1 & 255]!;
    const c = decodeTable[c2 & 255]!;
    const d = decodeTable[c3 & 255]!;
    if ((a | b | c | d) > 63 || (c0 | c1 | c2 | c3) > 255) throw invalidCharacter(base64, i);
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  const rest = length - i;
  if (rest === 0) return;
  let v = 0;
  for (let k = 0; k < rest; k++) {
    const code = base64.charCodeAt(i + k);
    const value = code < 256 ? decodeTable[code]! : 255;
    if (value > 63) throw invalidCharacter(base64, i + k);
    v |= value << (18 - 6 * k);
  }
  out[o++] = v >> 16;
  if (rest === 3) out[o++] = (v >> 8) & 255;
}

function invalidCharacter(base64: string, from: number): SyntaxError {
  let at = from;
  while (at < base64.length) {
    const code = base64.charCodeAt(at);
    if (code > 255 || decodeTable[code]! > 63) break;
    at++;
  }
  return new SyntaxError(`Invalid base64: unexpected character at offset ${at}`);
}
