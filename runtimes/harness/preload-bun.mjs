// `bun --preload ./harness/preload-bun.mjs server.ts`: the harness, and `Bun.serve` listens on a
// free loopback port (a test never takes a fixed one), announced. Every other option is the
// snippet's own: `idleTimeout` stays Bun's default.
import { announce } from './announce.mjs';
import { installHarness } from './harness.mjs';

installHarness(JSON.parse(process.env.LUNOS_RUNTIME_HARNESS));

const serve = Bun.serve;
Bun.serve = (options) => {
  const server = serve.call(Bun, { ...options, port: 0, hostname: '127.0.0.1' });
  announce(`http://127.0.0.1:${server.port}`);
  return server;
};
