// `node host-miniflare.mjs <miniflare's folder> <bundle.mjs>` on Node 24 (miniflare needs >= 22):
// serves the bundled Worker with workerd on a free loopback port and announces it. The key is the
// Worker's secret binding, as `wrangler secret put LUNOS_API_KEY` makes it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { announce } from './announce.mjs';

const [installDir, scriptPath] = process.argv.slice(2);
const entry = createRequire(join(installDir, 'package.json')).resolve('miniflare');
const { Miniflare } = await import(pathToFileURL(entry).href);

const miniflare = new Miniflare({
  modules: true,
  scriptPath,
  compatibilityDate: process.env.LUNOS_COMPATIBILITY_DATE,
  bindings: { LUNOS_API_KEY: process.env.LUNOS_API_KEY },
  host: '127.0.0.1',
  port: 0,
});
const url = await miniflare.ready;
announce(url.origin);
process.once('SIGTERM', () => miniflare.dispose().finally(() => process.exit(0)));
