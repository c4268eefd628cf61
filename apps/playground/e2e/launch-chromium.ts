import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless. The flags keep it off the network (this machine has none but
 * loopback: background services would only fail) and out of the sandbox, which needs user
 * namespaces that containers and root sessions do not give.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
