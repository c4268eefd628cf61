// `node host-edge-runtime.mjs <edge-runtime's folder> <bundle.js>` on Node 24: evaluates the
// bundled route in Vercel's edge-runtime and serves it with edge-runtime's own server on a free
// loopback port. Vercel's Edge runtime has `process.env`; edge-runtime's bare VM does not, so it
// is given the key the way the platform gives environment variables.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { announce } from './announce.mjs';

const [installDir, scriptPath] = process.argv.slice(2);
const entry = createRequire(join(installDir, 'package.json')).resolve('edge-runtime');
const { EdgeRuntime, runServer } = await import(pathToFileURL(entry).href);

const runtime = new EdgeRuntime({
  initialCode: readFileSync(scriptPath, 'utf8'),
  extend: (context) =>
    Object.assign(context, { process: { env: { LUNOS_API_KEY: process.env.LUNOS_API_KEY } } }),
});
const server = await runServer({ runtime, host: '127.0.0.1', port: 0 });
announce(server.url.replace(/\/$/, ''));
process.once('SIGTERM', () => server.close().finally(() => process.exit(0)));
