import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether Debian's `redis-server` is on this machine. Where it is not, the Redis tests skip,
 * loudly; CI sets LUNOS_E2E=required (and installs it), which makes a missing one a failure.
 */
export function hasRedisServer(): boolean {
  if (!spawnSync('redis-server', ['--version']).error) return true;
  const message =
    'redis-server is not installed: the tests of @lunos-image/redis cannot run (apt-get install -y redis-server).';
  if (process.env.LUNOS_E2E === 'required') throw new Error(message);
  console.warn(`${message} Skipping them (set LUNOS_E2E=required to fail instead).`);
  return false;
}

export interface RedisServer {
  /** `redis://127.0.0.1:<port>` (with the password when one was set). */
  readonly url: string;
  readonly port: number;
  /** Its working directory (the RDB file goes there on SAVE). */
  readonly dir: string;
  /** Stops it (SIGTERM), waits for it to exit and removes its directory. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would; `stop()` still cleans up. */
  kill(): Promise<void>;
}

export interface StartRedisServerOptions {
  /** The port to listen on (to restart a server where it was); a free one by default. */
  port?: number;
  /** `requirepass`: the URL then carries it. */
  password?: string;
  /** More `--name value` arguments. */
  args?: string[];
}

/**
 * Starts a `redis-server` of its own on a free port of 127.0.0.1 with a temporary directory,
 * nothing persisted unless asked, and resolves once it accepts connections.
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'lunos-redis-'));
  // Another process can take the free port before redis-server binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--loglevel',
      'notice',
      ...(options.password ? ['--requirepass', options.password] : []),
      ...(options.args ?? []),
    ];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await ready(child);
    } catch (error) {
      await exited(child, 'SIGKILL');
      if (attempt < 3) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
    return {
      url: `redis://${auth}127.0.0.1:${port}`,
      port,
      dir,
      kill: () => exited(child, 'SIGKILL'),
      stop: async () => {
        await exited(child, 'SIGTERM');
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves when the server logs that it accepts connections; rejects when it exits first. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start:\n${log}`)), 10_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null) =>
      fail(new Error(`redis-server exited (${code}):\n${log}`));
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      // Drained from now on, so the server never blocks on a full pipe.
      child.stdout?.resume();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('exit', onExit);
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
