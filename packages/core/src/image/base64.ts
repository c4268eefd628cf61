import { decodeBase64Portable, encodeBase64Portable } from './base64-portable';

/** The slice of Node's `Buffer` this module uses; only ever read from `globalThis`, if present. */
interface NodeBufferView {
  readonly length: number;
  toString(encoding: 'base64'): string;
  write(text: string, offset: number, length: number, encoding: 'base64'): number;
}
interface NodeBufferConstructor {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBufferView;
  byteLength(text: string, encoding: 'utf8'): number;
  allocUnsafeSlow(size: number): { readonly buffer: ArrayBuffer };
}
interface Uint8ArrayWithBase64 extends Uint8Array {
  toBase64?: () => string;
  setFromBase64?: (text: string) => { read: number; written: number };
}
interface Uint8ArrayConstructorWithBase64 {
  fromBase64?: (text: string) => Uint8Array;
}

/**
 * Base64 characters handed to one `Buffer#write`: a multiple of 4 so every slice holds whole
 * groups. Node copies a string into a temporary buffer before decoding it, so slicing bounds that
 * copy to 1 MiB instead of the whole (up to tens of megabytes) payload.
 */
const bufferSliceLength = 1 << 20;

function nodeBuffer(): NodeBufferConstructor | undefined {
  const candidate = (globalThis as { Buffer?: NodeBufferConstructor }).Buffer;
  return typeof candidate?.from === 'function' ? candidate : undefined;
}

/** Standard base64 with padding. Uses the runtime's native encoder when it has one. */
export function encodeBase64(bytes: Uint8Array): string {
  const toBase64 = (bytes as Uint8ArrayWithBase64).toBase64;
  if (typeof toBase64 === 'function') return toBase64.call(bytes);
  const buffer = nodeBuffer();
  if (buffer)
    return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return encodeBase64Portable(bytes);
}

/**
 * Decoded size of `base64` in bytes, from its length alone. Throws a `SyntaxError` when the length
 * or padding cannot be base64 (the characters themselves are checked when decoding).
 */
export function base64DecodedLength(base64: string): number {
  const length = base64.length;
  let padding = 0;
  if (length > 0 && base64.charCodeAt(length - 1) === 61) {
    padding = length > 1 && base64.charCodeAt(length - 2) === 61 ? 2 : 1;
    if (length % 4 !== 0) throw new SyntaxError('Invalid base64: padding on an incomplete group');
  }
  const symbols = length - padding;
  if (symbols % 4 === 1) throw new SyntaxError('Invalid base64: length leaves a lone character');
  return Math.floor((symbols * 3) / 4);
}

/**
 * An array of `length` bytes for a decoder to fill. On Node, unzeroed memory (its own
 * ArrayBuffer, never pooled): every decoder here throws unless every byte was written, so nothing
 * stale can be read. Skipping the zeroing saves ~1.3 ms a 16 MiB image.
 */
export function allocateBytes(length: number): Uint8Array {
  const buffer = nodeBuffer();
  return buffer
    ? new Uint8Array(buffer.allocUnsafeSlow(length).buffer, 0, length)
    : new Uint8Array(length);
}

/**
 * Decodes standard base64 (padding optional, no whitespace, no URL-safe alphabet) into bytes.
 * Throws a `SyntaxError` on anything else, whichever decoder the runtime provides.
 */
export function decodeBase64(base64: string): Uint8Array {
  const length = base64DecodedLength(base64);
  const fromBase64 = (Uint8Array as Uint8ArrayConstructorWithBase64).fromBase64;
  if (typeof fromBase64 === 'function') {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(base64);
    } catch (error) {
      throw new SyntaxError('Invalid base64', { cause: error });
    }
    // fromBase64 skips ASCII whitespace, which this function refuses: the length tells.
    if (bytes.length !== length) throw new SyntaxError('Invalid base64: unexpected whitespace');
    return bytes;
  }
  return decodeBase64Into(base64, allocateBytes(length));
}

/**
 * Decodes `base64` (the same rules as `decodeBase64`) into the start of `target`, which must be
 * large enough, and returns the part written: for decoding a long payload slice by slice through
 * one scratch array instead of allocating one per slice.
 */
export function decodeBase64Into(base64: string, target: Uint8Array): Uint8Array {
  const length = base64DecodedLength(base64);
  if (length > target.length) {
    throw new RangeError(`decodeBase64Into: ${length} bytes do not fit in ${target.length}`);
  }
  base64WriterFor(target)(base64, 0, length);
  return target.subarray(0, length);
}

/**
 * Writes the `length` bytes that `base64` decodes to (the caller has them from
 * `base64DecodedLength`) into the array it was made for, at `offset`. Throws a `SyntaxError` on
 * anything but standard base64, whichever decoder the runtime provides.
 */
export type Base64Writer = (base64: string, offset: number, length: number) => void;

/**
 * The runtime's fastest base64 decoder bound to `out` once: `setFromBase64` where it exists,
 * Node's `Buffer` (through one view of `out`, made here and not per call), plain JavaScript
 * elsewhere. For writing a payload that arrives in pieces into one array.
 */
export function base64WriterFor(out: Uint8Array): Base64Writer {
  if (typeof (out as Uint8ArrayWithBase64).setFromBase64 === 'function') {
    return (base64, offset, length) => {
      const target = out.subarray(offset, offset + length) as Uint8ArrayWithBase64;
      let written: number;
      try {
        ({ written } = target.setFromBase64!(base64));
      } catch (error) {
        throw new SyntaxError('Invalid base64', { cause: error });
      }
      // It skips ASCII whitespace: fewer bytes than the length promises.
      if (written !== length) throw new SyntaxError('Invalid base64: unexpected whitespace');
    };
  }
  const buffer = nodeBuffer();
  if (buffer) {
    const view = buffer.from(out.buffer, out.byteOffset, out.byteLength);
    return (base64, offset, length) => decodeWithBuffer(buffer, view, base64, offset, length);
  }
  return (base64, offset, length) =>
    decodeBase64Portable(base64, out.subarray(offset, offset + length));
}

function decodeWithBuffer(
  buffer: NodeBufferConstructor,
  view: NodeBufferView,
  base64: string,
  offset: number,
  length: number,
): void {
  // Node's decoder also takes the URL-safe alphabet; the standard one is all a data URL may hold.
  if (base64.indexOf('-') !== -1 || base64.indexOf('_') !== -1) {
    throw new SyntaxError('Invalid base64: URL-safe alphabet');
  }
  // It also truncates code units above 255 to a byte that may be valid; only ASCII has one UTF-8
  // byte per character, so this (fast, native) count finds any such character.
  if (buffer.byteLength(base64, 'utf8') !== base64.length) {
    throw new SyntaxError('Invalid base64: non-ASCII character');
  }
  let written = 0;
  if (base64.length <= bufferSliceLength) {
    written = view.write(base64, offset, length, 'base64');
  } else {
    for (let start = 0; start < base64.length; start += bufferSliceLength) {
      const slice = base64.slice(start, start + bufferSliceLength);
      written += view.write(slice, offset + written, length - written, 'base64');
    }
  }
  // Node skips characters outside the alphabet and stops at a stray '='; either way fewer bytes
  // come out than the length promises, which is how invalid input shows here.
  if (written !== length) throw new SyntaxError('Invalid base64: unexpected character');
}
