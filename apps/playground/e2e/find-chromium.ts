import { accessSync, constants } from 'node:fs';

/** Debian's package installs it here; CI (.ci/run) installs it when missing. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium the tests drive: `LUNOS_CHROMIUM` if set, else Debian's; undefined when absent. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.LUNOS_CHROMIUM || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

/** What to do when there is no Chromium. */
export function missingChromiumMessage(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.LUNOS_CHROMIUM || DEFAULT_CHROMIUM;
  return (
    `The playground end-to-end tests need Chromium, and there is none at ${path}. ` +
    'Install it with `apt-get install -y chromium` (Debian; .ci/run does this in CI), or point ' +
    'LUNOS_CHROMIUM at a Chromium or Chrome binary.'
  );
}
