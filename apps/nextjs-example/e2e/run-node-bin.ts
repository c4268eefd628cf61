import { execFile } from 'node:child_process';

/**
 * Runs a package's bin script with this Node (not through a shell or PATH, so it works however
 * the tests were started) and resolves with its output; rejects with that output on failure.
 */
export function runNodeBin(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { ...options, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error) reject(new Error(`${bin} ${args.join(' ')} failed:\n${output}`));
        else resolve(output);
      },
    );
  });
}
