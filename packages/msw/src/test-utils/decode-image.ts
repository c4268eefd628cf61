import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Decoded {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8ClampedArray;
}

const decoders: Record<'jpeg' | 'webp', () => Promise<(bytes: ArrayBuffer) => Promise<Decoded>>> = {
  jpeg: async () => {
    const codec = await import('@jsquash/jpeg/decode.js');
    const wasm = await readFile(require.resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'));
    await codec.init(await WebAssembly.compile(wasm));
    return (bytes) => codec.default(bytes);
  },
  webp: async () => {
    const codec = await import('@jsquash/webp/decode.js');
    const wasm = await readFile(require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm'));
    await codec.init(await WebAssembly.compile(wasm));
    return (bytes) => codec.default(bytes);
  },
};

/**
 * Decodes a JPEG or WebP to its pixels with the reference decoders (MozJPEG's, libwebp's): a file
 * that is not a real image of its format fails here.
 */
export async function decodeImage(bytes: Uint8Array, format: 'jpeg' | 'webp'): Promise<Decoded> {
  const decode = await decoders[format]();
  return decode(bytes.slice().buffer);
}
