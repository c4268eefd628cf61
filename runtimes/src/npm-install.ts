import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../scripts/run-command.mjs';

/**
 * Writes `manifest` as the folder's package.json and installs it with npm as a user would, less
 * install scripts (nothing installed here needs one: the runtimes ship their binaries in their
 * packages). The npm cache is used before the registry; npm's output is shown only on failure.
 */
export async function npmInstall(dir: string, manifest: object): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await runCommand(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { cwd: dir, quiet: true, timeoutMs: 600_000 },
  );
}
