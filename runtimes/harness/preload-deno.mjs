// `deno run --preload ./harness/preload-deno.mjs … server.ts`: the harness, and `Deno.serve`
// listens on a free loopback port (a test never takes a fixed one), announced. Every other option
// is the snippet's own.
import { announce } from './announce.mjs';
import { installHarness } from './harness.mjs';

installHarness(JSON.parse(Deno.env.get('LUNOS_RUNTIME_HARNESS')));

const serve = Deno.serve;
Deno.serve = (...args) => {
  const [options, handler] = typeof args[0] === 'function' ? [{}, args[0]] : args;
  const onListen = ({ port }) => announce(`http://127.0.0.1:${port}`);
  const ours = { ...options, port: 0, hostname: '127.0.0.1', onListen };
  return handler ? serve.call(Deno, ours, handler) : serve.call(Deno, ours);
};
