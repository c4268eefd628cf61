import { accessSync, constants } from 'node:fs';

/** Debian's package installs it here; CI (.ci/run) installs it when missing. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the tests drive: `LUNOS_CHROMIUM` if set, else Debian's. Throws with what to do
 * when there is none: the end-to-end suite never passes by skipping itself.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.LUNOS_CHROMIUM || DEFAULT_CHROMIUM;
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    const required = env.LUNOS_E2E === 'required' ? ' (LUNOS_E2E=required)' : '';
    throw new Error(
      `The playground end-to-end tests need Chromium${required}, and there is none at ${path}. ` +
        'Install it with `apt-get install -y chromium` (Debian; .ci/run does this in CI), or point ' +
        'LUNOS_CHROMIUM at a Chromium or Chrome binary.',
    );
  }
}
