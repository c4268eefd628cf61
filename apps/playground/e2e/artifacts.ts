import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const ARTIFACTS_DIR = fileURLToPath(new URL('./artifacts/', import.meta.url));
const README_SCREENSHOT = fileURLToPath(new URL('../../../docs/playground.png', import.meta.url));

/** Saves a screenshot of the page's current state as a test artifact (git-ignored). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // From the top: a full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS_DIR}${name}.png`, fullPage: true });
}

/**
 * With `UPDATE_SCREENSHOT=1`, refreshes the README's screenshot (docs/playground.png) from the
 * page as it is now; otherwise does nothing, so a test run never dirties the work tree.
 */
export async function updateReadmeScreenshot(page: Page): Promise<boolean> {
  if (process.env.UPDATE_SCREENSHOT !== '1') return false;
  mkdirSync(fileURLToPath(new URL('../../../docs/', import.meta.url)), { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: README_SCREENSHOT, fullPage: true });
  return true;
}
