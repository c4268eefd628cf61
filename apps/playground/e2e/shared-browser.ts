import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './launch-chromium';
import { type OpenOptions, PlaygroundPage, type Viewport } from './playground-page';

/** Every e2e test runs at both sizes of the issue: a desktop window and a phone. */
export const VIEWPORTS: Viewport[] = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * One Chromium for the test file (launched before, closed after), with what the global setup
 * provides. `chromiumPath` is empty where Chromium is missing and not required: skip then.
 */
export function sharedBrowser(): {
  chromiumPath: string;
  appUrl: string;
  browser(): Browser;
  /** Opens the playground at `viewport`, runs `body`, and closes the page whatever happens. */
  withPage(
    viewport: Viewport,
    options: Omit<OpenOptions, 'viewport'>,
    body: (page: PlaygroundPage) => Promise<void>,
  ): Promise<void>;
} {
  const chromiumPath = inject('chromiumPath');
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (chromiumPath) browser = await launchChromium(chromiumPath);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const launched = () => {
    if (!browser) throw new Error('Chromium was not launched');
    return browser;
  };
  const appUrl = inject('appUrl');
  return {
    chromiumPath,
    appUrl,
    browser: launched,
    withPage: (viewport, options, body) =>
      PlaygroundPage.with(launched(), appUrl, { viewport, ...options }, body),
  };
}
