import { describe, expect, it } from 'vitest';
import { seriousViolations } from './axe-scan';
import { PlaygroundPage } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, appUrl, browser } = sharedBrowser();

/** axe-core in the page, over the states a person sees: no serious or critical violation. */
describe.skipIf(!chromiumPath).each(VIEWPORTS)('accessibility at $width px ($name)', (viewport) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation in ${colorScheme} mode`, async () => {
      await PlaygroundPage.with(browser(), appUrl, { viewport, colorScheme }, async (p) => {
        const found: Record<string, unknown> = {};
        await p.waitForModels();
        found.ready = await seriousViolations(p.page);
        await p.generateWithEnter();
        await p.waitForStatus('success');
        found.done = await seriousViolations(p.page);
        // The image at full size, over the page (a modal dialog).
        await p.images.click();
        await p.page.getByTestId('zoom').waitFor();
        found.zoom = await seriousViolations(p.page);
        await p.page.keyboard.press('Escape');
        await p.page.getByTestId('zoom').waitFor({ state: 'hidden' });
        await p.chooseScenario('rate-limited');
        await p.clickGenerate();
        await p.waitForStatus('error');
        found.failed = await seriousViolations(p.page);
        // Three models side by side (a swiped stack on the phone), one of them failing.
        await p.compareModels();
        await p.columns.nth(1).getByTestId('column-scenario').selectOption('provider-error');
        await p.clickGenerate();
        for (const i of [0, 2]) await p.waitForColumn(i, 'success');
        await p.waitForColumn(1, 'error');
        found.compare = await seriousViolations(p.page);
        await p.page
          .getByRole('radiogroup', { name: 'Generate with' })
          .getByLabel('One model')
          .check();
        await p.modelButton.click();
        await p.page.getByRole('listbox').waitFor();
        found.modelList = await seriousViolations(p.page);
        await p.page.keyboard.press('Escape');
        await p.page.locator('.connection-details > summary').click();
        await p.page.locator('label.tab', { hasText: 'Live API' }).click();
        await p.page.getByLabel(/Proxy base URL/).waitFor();
        found.live = await seriousViolations(p.page);
        expect(found).toEqual({
          ready: [],
          done: [],
          zoom: [],
          failed: [],
          compare: [],
          modelList: [],
          live: [],
        });
      });
    });
  }
});
