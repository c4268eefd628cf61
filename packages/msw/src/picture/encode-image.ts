import { hasNodeBuiltins } from '../node/node-builtins';
import { encodePng, type IndexedImage } from '../png/encode-png';

/** The formats the mock draws in: the Images API's `output_format`, but SVG. */
export type ImageFormat = 'png' | 'jpeg' | 'webp';

export const IMAGE_MEDIA_TYPES = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
} as const satisfies Record<ImageFormat, string>;

type Encode = (image: ImageData) => Promise<ArrayBuffer>;
/** The Emscripten module options the Node loader sets (Emscripten's documented `Module` API). */
interface ModuleOptions {
  locateFile(name: string): string;
  instantiateWasm(
    imports: WebAssembly.Imports,
    receive: (instance: WebAssembly.Instance) => void,
  ): object;
}
type Init = (options: ModuleOptions) => Promise<unknown>;

/**
 * In Node the codecs' glue would `fetch` its `.wasm` file by URL, which Node cannot do for a file:
 * it is asked which file it wants (`locateFile`) and handed the module compiled from that file,
 * found beside the glue in the package. A bundler (Vite, webpack) instead emits the file as an
 * asset and the glue fetches it in the browser, with no help.
 */
async function initInNode(init: Init, codecDir: string): Promise<void> {
  const get = (globalThis.process as NodeJS.Process).getBuiltinModule;
  const require = get('node:module').createRequire(import.meta.url);
  const { readFile } = get('node:fs/promises');
  let file = '';
  let fail!: (error: unknown) => void;
  // The glue waits for `receive` forever: a file that cannot be read must fail the load instead.
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  await Promise.race([
    init({
      locateFile(name) {
        file = name;
        return name;
      },
      instantiateWasm(imports, receive) {
        readFile(require.resolve(`${codecDir}/${file}`))
          .then((bytes) => WebAssembly.instantiate(bytes, imports))
          .then(({ instance }) => receive(instance), fail);
        return {};
      },
    }),
    failed,
  ]);
}

async function loadJpeg(): Promise<Encode> {
  const codec = await import('@jsquash/jpeg/encode.js');
  if (hasNodeBuiltins()) await initInNode(codec.init, '@jsquash/jpeg/codec/enc');
  return (image) => codec.default(image);
}

async function loadWebp(): Promise<Encode> {
  const codec = await import('@jsquash/webp/encode.js');
  if (hasNodeBuiltins()) await initInNode(codec.init, '@jsquash/webp/codec/enc');
  return (image) => codec.default(image);
}

// Loaded on the first image asked in that format: a mock that only draws PNGs loads neither.
const encoders: Partial<Record<Exclude<ImageFormat, 'png'>, Promise<Encode>>> = {};
const loaders = { jpeg: loadJpeg, webp: loadWebp };

/** The palette image as the RGBA pixels the codecs take (`ImageData`'s shape). */
function toRgba({ width, height, palette, pixels }: IndexedImage): ImageData {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < pixels.length; i++) {
    const slot = pixels[i]! * 3;
    data[i * 4] = palette[slot]!;
    data[i * 4 + 1] = palette[slot + 1]!;
    data[i * 4 + 2] = palette[slot + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height, colorSpace: 'srgb' } as ImageData;
}

/**
 * Encodes a drawing as PNG (our own palette encoder: small, no dependency) or as JPEG (MozJPEG)
 * or WebP (libwebp), each compiled to WebAssembly by the jSquash packages, so the mock answers
 * every `output_format` it is asked with real files in Node and in the browser alike.
 */
export async function encodeImage(image: IndexedImage, format: ImageFormat): Promise<Uint8Array> {
  if (format === 'png') return encodePng(image);
  let encoder = encoders[format];
  if (!encoder) {
    encoder = loaders[format]();
    encoders[format] = encoder;
    // A failed load is tried again on the next image, not remembered.
    encoder.catch(() => delete encoders[format]);
  }
  return new Uint8Array(await (await encoder)(toRgba(image)));
}
