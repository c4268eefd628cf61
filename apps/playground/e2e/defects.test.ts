import { readFileSync } from 'node:fs';
import { type MockServer, startMockServer } from '@lunos-image/msw/node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MOCK_SERVE_COMMAND } from '../src/mock/mock-serve-command';
import { freePort } from './free-port';
import { type OpenOptions, PlaygroundPage } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

/**
 * One test per defect of issue 20, each written to fail if the defect comes back. At both
 * sizes, like the main suite.
 */

const { chromiumPath, appUrl, browser } = sharedBrowser();
const SUNSET = readFileSync(
  new URL(
    '../../../packages/msw/fixtures/blobs/sha256-c9735bd8ef5125a51b879277d095b13987afd48e6efc9661859fd521bbb76d74.png',
    import.meta.url,
  ),
);

/** WCAG contrast of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

// A mock server without the recordings (`lunos-image-mock serve --no-fixtures`).
let bare: MockServer;
beforeAll(async () => {
  if (chromiumPath) bare = await startMockServer({ fixtures: false, timing: { speed: 8 } });
});
afterAll(async () => {
  await bare?.close();
});

describe.skipIf(!chromiumPath).each(VIEWPORTS)(
  'issue 20 defects at $width px ($name)',
  (viewport) => {
    async function withPage(
      options: Omit<OpenOptions, 'viewport'>,
      body: (page: PlaygroundPage) => Promise<void>,
    ) {
      await PlaygroundPage.with(browser(), appUrl, { viewport, ...options }, body);
    }

    const meta = (p: PlaygroundPage) =>
      p.page
        .getByTestId('history-item')
        .evaluateAll((items) =>
          items.map((i) => [
            i.querySelector('.history-prompt')?.textContent ?? '',
            i.querySelector('.history-meta')?.textContent ?? '',
          ]),
        );

    it('1: a double press of Generate files one run, not a phantom "Stopped"', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        await p.page.getByRole('button', { name: /^Generate/ }).dblclick();
        await p.waitForStatus('success');
        const rows = await meta(p);
        expect(rows).toHaveLength(1);
        expect(rows[0]![1]).toMatch(/^Done/);
      });
    });

    it('2: Tab after "choose files" never lands on the hidden file input', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        await p.page.getByRole('button', { name: 'choose files' }).focus();
        await p.page.keyboard.press('Tab');
        const focused = await p.page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const box = el.getBoundingClientRect();
          return { type: (el as HTMLInputElement).type, width: box.width, height: box.height };
        });
        expect(focused.type).not.toBe('file');
        expect(focused.width).toBeGreaterThan(2);
        expect(focused.height).toBeGreaterThan(2);
      });
    });

    it('3: reference warnings name every skipped file, say 8 MiB, and go with the references', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        const png = (name: string) => ({ name, mimeType: 'image/png', buffer: SUNSET });
        await p.page
          .getByLabel('Choose reference images')
          .setInputFiles([
            { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') },
            ...['a.png', 'b.png', 'c.png', 'd.png', 'e.png'].map(png),
          ]);
        await expect.poll(() => p.page.getByTestId('reference-thumb').count()).toBe(4);
        const warning = p.page.locator('.references .is-warning');
        const text = await warning.textContent();
        expect(text).toContain('notes.txt');
        expect(text).toContain('e.png');
        expect(text).toContain('8 MiB');
        expect(text).not.toContain('8.4 MB');
        for (const name of ['a.png', 'b.png', 'c.png', 'd.png']) {
          await p.page.getByRole('button', { name: `Remove ${name}` }).click();
        }
        await expect.poll(() => p.page.getByTestId('reference-thumb').count()).toBe(0);
        expect(await warning.count()).toBe(0);
      });
    });

    it('4: a mock server without recordings: the hint is the plain serve command, the picker resets and says what to run', async () => {
      const query = `mode=server&server=${encodeURIComponent(bare.url)}`;
      await withPage({ query }, async (p) => {
        await p.waitForModels();
        // The package ships its recordings: no path to a fixtures folder is needed any more.
        const hint = await p.page.getByTestId('serve-command').textContent();
        expect(hint).toBe(MOCK_SERVE_COMMAND);
        expect(hint).not.toContain('--fixtures');
        await p.chooseScenario('no-credits');
        await p.clickGenerate();
        const warning = p.page.locator('.compose .is-warning');
        await warning.waitFor();
        const text = await warning.textContent();
        expect(text).toContain('Unknown fixture');
        expect(text).toContain(MOCK_SERVE_COMMAND);
        expect(await p.page.getByTestId('scenario').inputValue()).toBe('');
      });
    });

    it('5: a dropped connection on the mock server is always "Connection lost mid-stream"', async () => {
      const server = inject('mockServerUrl');
      const query = `mode=server&server=${encodeURIComponent(server)}`;
      await withPage({ query }, async (p) => {
        await p.waitForModels();
        for (let i = 0; i < 4; i++) {
          await p.chooseScenario('dropped');
          // Each finished run is filed in the gallery: waiting for this one's entry, not for
          // "error" alone, which the previous run's error would satisfy before this one starts.
          const filed = await p.galleryItems.count();
          await p.clickGenerate();
          await expect.poll(() => p.galleryItems.count()).toBe(filed + 1);
          await p.waitForStatus('error');
          expect(await p.error.getAttribute('data-error-kind')).toBe('dropped');
          await expect(p.error.locator('.error-title').textContent()).resolves.toBe(
            'Connection lost mid-stream',
          );
        }
      });
    });

    it('6: when the models cannot load in a live mode, the status line does not say Ready', async () => {
      await withPage({ query: 'mode=live&dialect=openrouter' }, async (p) => {
        await p.page
          .getByLabel(/Proxy base URL/)
          .fill(`http://127.0.0.1:${await freePort()}/api/v1`);
        await p.page.getByRole('button', { name: 'Connect' }).click();
        await p.error.waitFor();
        const status = await p.page.getByTestId('status-text').textContent();
        expect(status).not.toContain('Ready');
        expect(status).toContain('could not be loaded');
        expect(await p.page.getByRole('button', { name: /^Generate/ }).isDisabled()).toBe(true);
      });
    });

    it('7: prices have at least 4.5:1 contrast on the model button', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        const colors = await p.page.locator('.model-button .price').evaluate((el) => {
          let bg = 'rgba(0, 0, 0, 0)';
          for (let n: Element | null = el; n && /rgba\(.*, 0\)$/.test(bg); n = n.parentElement) {
            bg = getComputedStyle(n).backgroundColor;
          }
          return { fg: getComputedStyle(el).color, bg };
        });
        expect(contrast(colors.fg, colors.bg)).toBeGreaterThanOrEqual(4.5);
      });
    });

    it('8: the theme survives a reload', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        // Auto → Light → Dark.
        await p.page.getByRole('button', { name: /^Theme:/ }).click();
        await p.page.getByRole('button', { name: /^Theme:/ }).click();
        expect(await p.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
        await p.page.reload();
        await p.waitForModels();
        expect(await p.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      });
    });

    it('8: a Retry-After holds Generate for that model; history rows say settings and why a run failed', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        const generate = p.page.getByRole('button', { name: /^Generate/ });
        await p.chooseScenario('rate-limited');
        await p.clickGenerate();
        await p.waitForStatus('error');
        expect(await generate.isDisabled()).toBe(true);
        await expect(generate.textContent()).resolves.toMatch(/wait \d+ s/);
        // Enter in the prompt does not get round it either.
        await p.generateWithEnter();
        expect(await p.status.getAttribute('data-status')).toBe('error');
        const rows = await meta(p);
        expect(rows).toHaveLength(1);
        expect(rows[0]![1]).toMatch(/^Failed · Rate limited · 16:9 1K · /);
        // Another model is not rate limited.
        const current = await p.page.locator('.model-button .model-id').textContent();
        const other = (await p.modelOptions()).find((o) => o.id !== current && !o.imageOnly);
        await p.chooseModel(other!.id);
        expect(await generate.isDisabled()).toBe(false);
      });
    });

    it('8: a recording is filed under the model and prompt it was recorded with', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        await p.setPrompt('A fox in the snow');
        await p.chooseScenario('progressive');
        await p.clickGenerate();
        await p.waitForStatus('success');
        const [[prompt, line]] = (await meta(p)) as [[string, string]];
        expect(prompt).toBe('Create a picture of a nano banana dish in a fancy restaurant');
        expect(line).toContain('16:9 4K');
        expect(line).toMatch(/Gemini 3 Pro|gemini-3-pro/);
      });
    });

    it('8: the phone header shows the whole mode; the proxy example matches the dialect', async () => {
      await withPage({ query: 'mode=live&dialect=openrouter' }, async (p) => {
        const pill = p.page.getByTestId('connection-label');
        const box = await pill.evaluate((el) => ({
          overflow: el.scrollWidth - el.clientWidth,
          right: el.getBoundingClientRect().right,
          width: window.innerWidth,
        }));
        expect(box.overflow).toBeLessThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(box.width);
        const placeholder = await p.page.getByLabel(/Proxy base URL/).getAttribute('placeholder');
        expect(placeholder).toContain('openrouter');
        expect(placeholder).not.toContain('lunos');
      });
    });

    it('8: a network error in the built-in mock advises Try again, and Try again works', async () => {
      await withPage({}, async (p) => {
        await p.waitForModels();
        await p.chooseScenario('network-error');
        await p.clickGenerate();
        await p.waitForStatus('error');
        const action = await p.error.locator('.error-action').textContent();
        expect(action).not.toContain('Reload');
        expect(action).toContain('Try again');
        await p.error.getByRole('button', { name: 'Try again' }).click();
        await p.waitForStatus('success');
      });
    });
  },
);
