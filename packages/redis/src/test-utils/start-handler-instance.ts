import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./handler-instance.ts', import.meta.url));

export interface HandlerInstance {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL, as a crash or an evicted container: no cleanup of any kind. */
  kill(): Promise<void>;
  /** SIGTERM, waiting for the exit. */
  stop(): Promise<void>;
}

function exit(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, 'exit').then(() => {});
  child.kill(signal);
  return exited;
}

/**
 * `handler-instance.ts` in a Node process of its own (TypeScript through tsx, workspace packages
 * from their sources), resolved once it listens.
 */
export async function startHandlerInstance(options: {
  redisUrl: string;
  upstreamUrl: string;
  apiKey: string;
  heartbeatMs: number;
}): Promise<HandlerInstance> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@lunos-image/source',
      '--import',
      'tsx',
      script,
      options.redisUrl,
      options.upstreamUrl,
      String(options.heartbeatMs),
    ],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, LUNOS_TEST_API_KEY: options.apiKey },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const failed = once(child, 'exit').then(([code]) => {
    throw new Error(`the handler instance exited (${code}) before it listened`);
  });
  const line = once(createInterface({ input: child.stdout! }), 'line').then(
    ([text]) => JSON.parse(text as string) as { url: string },
  );
  const { url } = await Promise.race([line, failed]);
  failed.catch(() => {});
  return { url, child, kill: () => exit(child, 'SIGKILL'), stop: () => exit(child, 'SIGTERM') };
}
