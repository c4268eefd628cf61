import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface NextServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `next start` on 127.0.0.1:`port` with `env`, its output written to `logFile` (read by the tests:
 * the key must not be in it). Resolves once the page answers; rejects with the log if the server
 * exits or has not answered within `timeoutMs`.
 */
export async function startNext(options: {
  nextBin: string;
  appDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs?: number;
}): Promise<NextServer> {
  const log = openSync(options.logFile, 'w');
  const args = ['start', '--port', String(options.port), '--hostname', '127.0.0.1'];
  // Its own process group, so closing it also ends any worker it started.
  const child = spawn(process.execPath, [options.nextBin, ...args], {
    cwd: options.appDir,
    env: options.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log); // the child has its own copy
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${options.port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline && exitCode === undefined) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.ok) return { url, close };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await close();
  throw new Error(
    `next start ${exitCode === undefined ? 'did not answer in time' : `exited (${exitCode})`}:\n${readFileSync(options.logFile, 'utf8')}`,
  );
}
