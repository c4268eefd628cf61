import { readFileSync } from 'node:fs';
import { estimateImageCost } from '@lunos-image/core';
import { normalizeModels } from '@lunos-image/core/internal';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../src/format/format-usd';
import { saveScreenshot } from './artifacts';
import { PlaygroundPage } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, appUrl, browser } = sharedBrowser();
const catalog = normalizeModels(
  'lunos',
  JSON.parse(
    readFileSync(
      new URL('../../../packages/msw/fixtures/models/lunos.json', import.meta.url),
      'utf8',
    ),
  ).response.body.json,
);

describe.skipIf(!chromiumPath).each(VIEWPORTS)('cost at $width px ($name)', (viewport) => {
  it('estimates the chosen model and size before Generate, and shows the billed cost after', async () => {
    await PlaygroundPage.with(browser(), appUrl, { viewport }, async (p) => {
      await p.waitForModels();
      const id = 'openrouter/google/gemini-2.5-flash-image';
      const model = catalog.find((m) => m.id === id)!;
      const estimate = estimateImageCost(model, '1K');
      expect(estimate).toBeDefined();
      await p.chooseModel(id);
      const shown = p.page.getByTestId('cost-estimate');
      await expect(shown.textContent()).resolves.toBe(`≈ ${formatUsd(estimate!)} for 1 image`);
      expect(await p.page.getByTestId('cost-actual').count()).toBe(0);
      await p.generateWithEnter();
      await p.waitForStatus('success');
      // The status line and the cost line agree on what the run was billed.
      const status = (await p.page.getByTestId('status-text').textContent()) ?? '';
      const billed = /\$[\d.]+/.exec(status)?.[0];
      expect(billed).toBeDefined();
      await saveScreenshot(p.page, `${viewport.name}-cost`);
      await expect(p.page.getByTestId('cost-actual').textContent()).resolves.toBe(
        ` · last run billed ${billed}`,
      );
    });
  });
});
