// `node --import ./harness/preload-node.mjs server.mjs`: the harness, and whatever port the
// snippet asks for becomes a free loopback one (a test never takes a fixed port), announced.
import net from 'node:net';
import { announce } from './announce.mjs';
import { installHarness } from './harness.mjs';

installHarness(JSON.parse(process.env.LUNOS_RUNTIME_HARNESS));

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnFreeLoopbackPort(...args) {
  const callback = typeof args.at(-1) === 'function' ? args.at(-1) : undefined;
  this.once('listening', () => announce(`http://127.0.0.1:${this.address().port}`));
  return listen.call(this, 0, '127.0.0.1', callback);
};
