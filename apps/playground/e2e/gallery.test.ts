import { readFileSync } from 'node:fs';
import { imagePixelSize } from '@lunos-image/core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './artifacts';
import type { PlaygroundPage } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, appUrl, withPage } = sharedBrowser();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** Takes IndexedDB away before the page's scripts run, as some private modes do. */
const NO_INDEXED_DB = `Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });`;
/** Every write fails as a full disk does. */
const QUOTA_FULL = `IDBObjectStore.prototype.put = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
};`;

/** Each row of the gallery: prompt, meta line, the reason of a failure. */
const rows = (p: PlaygroundPage) =>
  p.galleryItems.evaluateAll((items) =>
    items.map((i) => ({
      prompt: i.querySelector('.history-prompt')?.textContent ?? '',
      meta: i.querySelector('.history-meta')?.textContent ?? '',
      reason: i.querySelector('.history-reason')?.textContent ?? '',
    })),
  );

/** Natural widths of the gallery's thumbnails, once each has decoded (0: a broken image). */
const thumbnailWidths = (p: PlaygroundPage) =>
  p.page.locator('.history-thumb img').evaluateAll((imgs) =>
    Promise.all(
      (imgs as HTMLImageElement[]).map((img) =>
        img.decode().then(
          () => img.naturalWidth,
          () => 0,
        ),
      ),
    ),
  );

describe.skipIf(!chromiumPath).each(VIEWPORTS)('gallery at $width px ($name)', (viewport) => {
  it('keeps runs across a reload: images, failure reason, size; zoom, copy, download, remix, limit, Clear', async () => {
    await withPage(viewport, { clipboard: true }, async (p) => {
      await p.waitForModels();
      const model = 'openrouter/google/gemini-2.5-flash-image';
      await p.generate({ model, ratio: '9:16', prompt: 'A tall waterfall in a forest' });
      await p.generate({ scenario: 'rate-limited', prompt: 'A fox in the snow' }, 'error');
      // Another model: the Retry-After holds Generate for the first one.
      const other = (await p.modelOptions()).find((o) => o.id !== model && !o.imageOnly)!;
      await p.generate({ model: other.id, ratio: '1:1', prompt: 'A red bicycle against a wall' });
      await expect.poll(() => p.galleryItems.count()).toBe(3);
      const before = await rows(p);

      await p.page.reload();
      await p.waitForModels();
      const size = await p.gallerySize();
      expect(size.text).toMatch(/^3 runs · [\d.]+ kB of 50\.0 MB$/);
      expect(size.bytes).toBeGreaterThan(0);
      expect(await rows(p)).toEqual(before);
      const [newest, failed, oldest] = before;
      expect(oldest!.meta).toMatch(/^Done · 9:16 1K · .+ · \$[\d.]+ · /);
      expect(failed!.meta).toMatch(/^Failed · Rate limited · 9:16 1K · /);
      expect(failed!.reason).toMatch(/Too many requests/);
      expect(newest!.meta).toMatch(/^Done · 1:1 1K · /);
      // The images came back from IndexedDB, not from this page's memory.
      expect(await thumbnailWidths(p)).toEqual([1024, 768]);

      // Seen again: its image at its size, its caption.
      await p.galleryItems.nth(2).click();
      await p.page.getByTestId('viewing').waitFor();
      expect(await p.imageSizes()).toEqual([imagePixelSize('9:16', '1K')]);
      await expect(p.page.getByTestId('caption').textContent()).resolves.toContain(
        'A tall waterfall in a forest',
      );
      // Zoom, copy the image, download it.
      await p.images.click();
      const zoom = p.page.getByTestId('zoom');
      await zoom.waitFor();
      expect(
        await p.page
          .getByTestId('zoom-image')
          .evaluate((img) => (img as HTMLImageElement).naturalHeight),
      ).toBe(imagePixelSize('9:16', '1K').height);
      await saveScreenshot(p.page, `${viewport.name}-zoom`);
      await zoom.getByRole('button', { name: 'Copy image' }).click();
      await expect.poll(() => zoom.getByTestId('copy-status').textContent()).toBe('Copied.');
      const copied = await p.page.evaluate(async () => {
        const [item] = await navigator.clipboard.read();
        const blob = await item!.getType('image/png');
        return [...new Uint8Array(await blob.arrayBuffer()).slice(0, 4)];
      });
      expect(copied).toEqual(PNG_SIGNATURE);
      const [download] = await Promise.all([
        p.page.waitForEvent('download'),
        zoom.getByRole('link', { name: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^lunos-image-h\d+-1\.png$/);
      expect([...readFileSync(await download.path()).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
      await p.page.keyboard.press('Escape');
      await zoom.waitFor({ state: 'hidden' });

      // Remix puts the stored settings back into the form, model included.
      // (The form itself is not kept: after the reload it is back on its defaults.)
      await p.chooseModel(other.id);
      await p.chooseRatio('1:1');
      await p.page.getByRole('button', { name: /^Remix: .*A tall waterfall/ }).click();
      await expect.poll(() => p.prompt.inputValue()).toBe('A tall waterfall in a forest');
      expect(await p.formState()).toEqual({
        model,
        prompt: 'A tall waterfall in a forest',
        ratio: '9:16',
        size: '1K',
        stream: true,
      });
      await saveScreenshot(p.page, `${viewport.name}-gallery`);

      // A lower limit: the oldest run goes first, and the size says the new total.
      const oldestBytes = Number(await p.galleryItems.nth(2).getAttribute('data-bytes'));
      const limit = (size.bytes - oldestBytes) / 1_000_000;
      await p.page.goto(`${appUrl}/?mockTiming=speed=8&galleryMB=${limit}`);
      await p.waitForModels();
      const trimmed = await p.gallerySize();
      expect(trimmed.bytes).toBe(size.bytes - oldestBytes);
      expect((await rows(p)).map((r) => r.prompt)).toEqual([newest!.prompt, failed!.prompt]);

      await p.page.getByTestId('gallery').getByRole('button', { name: 'Clear' }).click();
      await expect.poll(() => p.galleryItems.count()).toBe(0);
      expect((await p.gallerySize()).text).toMatch(/^0 runs · 0 B of /);
      await p.page.reload();
      await p.waitForModels();
      expect((await p.gallerySize()).text).toMatch(/^0 runs · 0 B of /);
      expect(p.consoleErrors.filter((e) => !e.includes('status of 429'))).toEqual([]);
    });
  });

  it('says so, and keeps runs for the session, when IndexedDB is missing or full', async () => {
    await withPage(
      viewport,
      { initScript: NO_INDEXED_DB, query: 'mockTiming=speed=8&galleryMB=abc' },
      async (p) => {
        await p.waitForModels();
        await p.gallerySize();
        const problem = p.page.getByTestId('gallery-problem');
        await expect(problem.textContent()).resolves.toMatch(/galleryMB=abc .* default limit/);
        await expect(problem.textContent()).resolves.toContain(
          'Runs are kept for this session only',
        );
        await expect(p.page.getByTestId('gallery').textContent()).resolves.toContain(
          'this session only',
        );
        await p.generateWithEnter();
        await p.waitForStatus('success');
        await expect.poll(() => p.galleryItems.count()).toBe(1);
        expect((await rows(p))[0]!.meta).toMatch(/not saved$/);
        expect(p.consoleErrors).toEqual([]);
      },
    );
    await withPage(viewport, { initScript: QUOTA_FULL }, async (p) => {
      await p.waitForModels();
      await p.generateWithEnter();
      await p.waitForStatus('success');
      await expect.poll(() => p.galleryItems.count()).toBe(1);
      await expect(p.page.getByTestId('gallery-problem').textContent()).resolves.toContain(
        'could not be saved (the browser’s storage for this site is full)',
      );
      expect((await rows(p))[0]!.meta).toMatch(/not saved$/);
      expect(await thumbnailWidths(p)).toEqual([1344]);
      expect(p.consoleErrors).toEqual([]);
    });
  });
});
