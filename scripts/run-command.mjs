// Running the tools a user runs (npm, pnpm, another Node) from the repository's scripts and test
// suites: each command in its own process group, ended with its children when it overruns or when
// the script is interrupted.
import { spawn } from 'node:child_process';

/**
 * The environment of a user's shell: without the npm_* variables pnpm sets for its scripts
 * (among them a globalconfig pointing npm at pnpm's own rc file). npm reads the user's .npmrc
 * itself.
 */
export const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
);

/** Process groups still running, ended if this process is interrupted. */
const running = new Set();
const killGroup = (pid) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of running) killGroup(pid);
    process.exit(130);
  });
}

/**
 * Runs a command in its own process group (npx starts Node 24 as a grandchild), kills the group
 * after `timeoutMs`, and rejects on a non-zero exit. Resolves to stdout when `capture` is set.
 * `quiet` keeps the command's output to itself unless it fails (then the error carries it).
 *
 * @param {string} cmd
 * @param {readonly string[]} args
 * @param {{ cwd?: string, timeoutMs?: number, capture?: boolean, quiet?: boolean,
 *   env?: Record<string, string> }} [options]
 * @returns {Promise<string>}
 */
export function runCommand(
  cmd,
  args,
  { cwd, timeoutMs = 300_000, capture = false, quiet = false, env } = {},
) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...userEnv, ...env },
      detached: true,
      stdio: ['ignore', capture || quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    });
    running.add(child.pid);
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk) => {
      err += chunk;
    });
    const timer = setTimeout(() => killGroup(child.pid), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      if (code === 0) resolve(out);
      else {
        const output = quiet ? `\n${out}${err}`.trimEnd() : '';
        reject(
          new Error(`${cmd} ${args.join(' ')} (in ${cwd}) ended with ${signal ?? code}${output}`),
        );
      }
    });
  });
}
