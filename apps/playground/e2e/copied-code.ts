import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlaygroundPage } from './playground-page';

// Inside the workspace, so the copied import resolves to the workspace's @lunos-image/core.
const scratch = fileURLToPath(new URL('./.copied-code/', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));

/**
 * Type-checks copied TypeScript as a module of its own; returns tsc's diagnostics (empty when it
 * type-checks) and exit status. The import is resolved to core's sources (its
 * `@lunos-image/source` condition), so the check needs no build and sees the API as it is in
 * this commit; bundler resolution because the sources' relative imports carry no extensions.
 */
export function typeCheck(code: string, name: string): { output: string; status: number | null } {
  const dir = `${scratch}${name}/`;
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(`${dir}copied.mts`, code);
    const check = spawnSync(
      tsc,
      [
        '--noEmit',
        '--strict',
        '--target',
        'es2023',
        '--module',
        'preserve',
        '--moduleResolution',
        'bundler',
        '--customConditions',
        '@lunos-image/source',
        '--types',
        'node',
        '--skipLibCheck',
        `${dir}copied.mts`,
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
    );
    return { output: check.stdout + check.stderr, status: check.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens Copy as code (once) and returns the snippet in `language` (`TypeScript`, `curl`…). */
export async function codeFor(p: PlaygroundPage, language: string): Promise<string> {
  const panel = p.page.locator('details.code-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await panel.locator('summary').click();
  }
  await panel
    .getByRole('radiogroup', { name: 'Code language' })
    .getByLabel(language, { exact: true })
    .check();
  return (await p.page.getByTestId('code').textContent()) ?? '';
}

/** Runs copied curl (OpenRouter's) in bash with a stand-in key; returns what it printed. */
export function runCopiedCurl(curl: string): string {
  return execFileSync('bash', ['-c', curl], {
    env: { ...process.env, OPENROUTER_API_KEY: 'copied-code-test' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}
