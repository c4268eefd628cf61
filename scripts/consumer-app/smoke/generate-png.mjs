// A plain Node ESM script, as a user would write one: start the mock from the package's bin,
// point the core client at it, write the generated picture to a file, and check the file is a
// PNG (signature, then an IHDR chunk whose CRC and size agree with what the client reported).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { AuthenticationError, createLunosImageClient } from '@lunos-image/core';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const fail = (message) => {
  throw new Error(`generate-png: ${message}`);
};

/** Starts `lunos-image-mock serve` and resolves its URL from the first line it prints. */
function serve(args) {
  const child = spawn('node_modules/.bin/lunos-image-mock', ['serve', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let printed = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lunos-image-mock exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      printed += chunk;
      const url = /serving on (http:\/\/\S+)/.exec(printed)?.[1];
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') });
    });
  });
}

/** Problems of a PNG file's first bytes; empty when it is one of `width` × `height`. */
function pngProblems(bytes, width, height) {
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) return ['no PNG signature'];
  const length = bytes.readUInt32BE(8);
  const type = bytes.toString('latin1', 12, 16);
  if (type !== 'IHDR' || length !== 13) return [`first chunk is ${type} (${length} bytes)`];
  const problems = [];
  if (bytes.readUInt32BE(29) !== crc32(bytes.subarray(12, 29))) problems.push('IHDR CRC mismatch');
  const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  if (w !== width || h !== height) problems.push(`IHDR says ${w}×${h}, client ${width}×${height}`);
  if (w === 0 || h === 0) problems.push('empty image');
  return problems;
}

// A fake key built at runtime; --require-auth makes the mock check that one is sent.
const apiKey = ['sk', 'or', 'v1', 'x'.repeat(64)].join('-');
// No --fixtures: the server replays the set the package ships.
const server = await serve(['--port', '0', '--require-auth']);
try {
  const baseURL = `${server.url}/v1`;
  const client = createLunosImageClient({ baseURL, apiKey, maxRetries: 0 });
  const models = await client.listModels();
  const model = models.find((m) => m.outputModalities.includes('image')) ?? fail('no image model');
  const result = await client.generateImage({
    model: model.id,
    prompt: 'Generate a beautiful sunset over mountains',
  });
  const [image] = result.images;
  if (!image) fail('the answer holds no image');
  mkdirSync('out', { recursive: true });
  writeFileSync('out/sunset.png', image.bytes());
  const problems = pngProblems(readFileSync('out/sunset.png'), image.width, image.height);
  if (problems.length > 0) fail(`out/sunset.png: ${problems.join(', ')}`);

  // Without a key the same call is refused with the typed error, not a crash.
  const keyless = createLunosImageClient({ baseURL, maxRetries: 0 });
  const refused = await keyless.listModels().then(
    () => fail('--require-auth let a call without a key through'),
    (error) => error,
  );
  if (!AuthenticationError.isInstance(refused)) fail(`expected AuthenticationError: ${refused}`);

  console.log(
    `generate-png (Node ${process.version}): ${model.id} → out/sunset.png, ${image.width}×${image.height} PNG, ${image.byteLength} bytes`,
  );
} finally {
  server.stop();
}
