import { spawn } from 'node:child_process';

/**
 * Runs `script` (TypeScript, through tsx) in a fresh Node process with `args` and returns the JSON
 * it printed on stdout. A process of its own keeps one competitor's heap, globals (a DOM) and
 * loaded modules away from every other's. stderr passes through.
 */
export function runChild<T>(
  script: string,
  args: string[],
  nodeOptions: string[] = [],
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(output) as T);
      } catch (error) {
        reject(new Error(`${script} printed no JSON: ${output.slice(0, 200)}`, { cause: error }));
      }
    });
  });
}
