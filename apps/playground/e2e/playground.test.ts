import { readFileSync } from 'node:fs';
import { imagePixelSize } from '@lunos-image/core';
import { normalizeModels } from '@lunos-image/core/internal';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { modelPrice } from '../src/models/model-price';
import { saveScreenshot, updateReadmeScreenshot } from './artifacts';
import { freePort } from './free-port';
import { launchChromium } from './launch-chromium';
import { type OpenOptions, PlaygroundPage, type Viewport } from './playground-page';

const VIEWPORTS: Viewport[] = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'phone', width: 390, height: 844 },
];

const appUrl = inject('appUrl');

/** The sunset the fixtures' edit interaction sends as its reference (a real 1024x1024 PNG). */
const SUNSET_BLOB = 'sha256-c9735bd8ef5125a51b879277d095b13987afd48e6efc9661859fd521bbb76d74.png';

/** A streamed run that succeeds, phase by phase: keep-alives before the caption, then the image. */
const STREAMED_PHASES = ['submitted', 'processing', 'caption', 'image', 'done'];

/** Every fault the page can queue on the mock, and the error it must show for it. */
const FAULT_ERRORS: Record<string, { kind: string; title: string }> = {
  'no-credits': { kind: 'no-credits', title: 'Not enough credits' },
  'wrong-modalities': { kind: 'wrong-modalities', title: 'Model cannot produce this output' },
  'rate-limited': { kind: 'rate-limited', title: 'Rate limited' },
  'key-rejected': { kind: 'key-rejected', title: 'API key rejected' },
  'bad-request': { kind: 'bad-request', title: 'Request refused' },
  'provider-error': { kind: 'provider-error', title: 'The provider failed' },
  'safety-block': { kind: 'safety-block', title: 'Blocked by the safety filter' },
  'in-band-error': { kind: 'stream-error', title: 'Generation failed mid-stream' },
  truncated: { kind: 'truncated', title: 'The answer stopped early' },
  dropped: { kind: 'dropped', title: 'Connection lost mid-stream' },
  malformed: { kind: 'invalid-response', title: 'Unreadable answer' },
  'network-error': { kind: 'connection', title: 'Connection failed' },
};
const fixture = (path: string) =>
  new URL(`../../../packages/msw/fixtures/${path}`, import.meta.url);

const chromiumPath = inject('chromiumPath');

let browser: Browser;
beforeAll(async () => {
  if (chromiumPath) browser = await launchChromium(chromiumPath);
});
afterAll(async () => {
  await browser?.close();
});

// Skipped (and reported by the global setup) only where Chromium is missing and not required.
describe.skipIf(!chromiumPath).each(VIEWPORTS)('playground at $width px ($name)', (viewport) => {
  const shot = (page: PlaygroundPage, state: string) =>
    saveScreenshot(page.page, `${viewport.name}-${state}`);

  /** Opens the playground at this viewport, runs `body`, and closes the page whatever happens. */
  async function withPage(
    options: Omit<OpenOptions, 'viewport'>,
    body: (page: PlaygroundPage) => Promise<void>,
  ) {
    await PlaygroundPage.with(browser, appUrl, { viewport, ...options }, body);
  }

  it('loads on the built-in mock with no console error and lists the image models', async () => {
    await withPage({}, async (p) => {
      await p.waitForModels();
      await expect(p.page.getByTestId('connection-label').textContent()).resolves.toBe(
        'Built-in mock · Lunos',
      );
      // The recorded Lunos catalog, filtered as the API filters it: image output only.
      const catalog = normalizeModels(
        'lunos',
        JSON.parse(readFileSync(fixture('models/lunos.json'), 'utf8')).response.body.json,
      );
      const imageModels = catalog.filter((m) => m.outputModalities.includes('image'));
      const options = await p.modelOptions();
      expect(options.map((o) => o.id).sort()).toEqual(imageModels.map((m) => m.id).sort());
      expect(imageModels.length).toBeLessThan(catalog.length);
      for (const option of options) {
        const model = imageModels.find((m) => m.id === option.id)!;
        expect(option.imageOnly).toBe(!model.outputModalities.includes('text'));
        expect(option.price).toBe(modelPrice(model) ?? null);
      }
      expect(await p.horizontalOverflow()).toBe(0);
      await shot(p, 'initial');
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('streams a generation: processing, then the caption, then an image of the chosen ratio', async () => {
    await withPage({}, async (p) => {
      await p.waitForModels();
      await p.chooseModel('openrouter/google/gemini-2.5-flash-image');
      await p.chooseRatio('16:9');
      await p.chooseSize('1K');
      await p.setPrompt('A lighthouse on a cliff at dusk');
      await p.generateWithEnter();
      await p.waitForStatus('success');
      expect(await p.timelinePhases()).toEqual(STREAMED_PHASES);
      await expect(p.page.getByTestId('caption').textContent()).resolves.toContain(
        'A lighthouse on a cliff at dusk',
      );
      const expected = imagePixelSize('16:9', '1K');
      expect(await p.imageSizes()).toEqual([expected]);
      await expect(p.page.getByTestId('image-size').textContent()).resolves.toBe(
        `${expected.width} × ${expected.height}`,
      );
      await expect(p.page.getByTestId('status-text').textContent()).resolves.toMatch(
        /^Done in .+ · 1 image · .+ · \$\d/,
      );
      const download = p.page.getByRole('link', { name: 'Download' });
      expect(await download.getAttribute('download')).toMatch(/^lunos-image-1-1\.png$/);
      expect(await download.getAttribute('href')).toMatch(/^blob:/);
      expect(await p.horizontalOverflow()).toBe(0);
      await shot(p, 'done');
      if (viewport.name === 'desktop') await updateReadmeScreenshot(p.page);
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('stops mid-stream with Escape or Stop: aborted, and no image arrives', async () => {
    // Real recorded pace, so there is time to stop while the provider is still processing.
    await withPage({ query: 'mockTiming=realtime' }, async (p) => {
      await p.waitForModels();
      await p.setPrompt('A city of glass towers at night');
      await p.generateWithEnter();
      await p.waitForStatus('processing');
      await shot(p, 'processing');
      await p.page.keyboard.press('Escape');
      await p.waitForStatus('aborted');
      await p.page.getByTestId('aborted').waitFor();
      // The recorded stream would have delivered its image by now; the stopped run must not.
      await p.page.waitForTimeout(4500);
      expect(await p.status.getAttribute('data-status')).toBe('aborted');
      expect(await p.images.count()).toBe(0);
      expect(await p.timelinePhases()).toEqual(['submitted', 'processing', 'stopped']);
      await expect(p.page.getByTestId('status-text').textContent()).resolves.toMatch(
        /^Stopped after /,
      );
      await expect(p.page.getByTestId('history-item').first().textContent()).resolves.toContain(
        'Stopped',
      );
      await shot(p, 'aborted');

      // The Stop button does the same, for the next run.
      await p.clickGenerate();
      await p.waitForStatus('processing');
      await p.page.getByRole('button', { name: 'Stop', exact: true }).click();
      await p.waitForStatus('aborted');
      expect(await p.images.count()).toBe(0);
      expect(await p.page.getByTestId('history-item').count()).toBe(2);
    });
  });

  it('supersedes a running generation: the first is recorded as stopped, the second completes', async () => {
    await withPage({ query: 'mockTiming=speed=3' }, async (p) => {
      await p.waitForModels();
      await p.setPrompt('A fox in the snow');
      await p.generateWithEnter();
      await p.waitForStatus('processing');
      await p.setPrompt('A fox in the snow, at night');
      await p.generateWithEnter();
      await p.waitForStatus('success');
      expect(await p.timelinePhases()).toEqual(STREAMED_PHASES);
      const rows = await p.page
        .getByTestId('history-item')
        .evaluateAll((items) =>
          items.map((item) => [
            item.querySelector('.history-prompt')?.textContent,
            item.querySelector('.history-meta')?.textContent?.split(' · ')[0],
          ]),
        );
      expect(rows).toEqual([
        ['A fox in the snow, at night', 'Done'],
        ['A fox in the snow', 'Stopped'],
      ]);
      await expect(p.page.getByTestId('caption').textContent()).resolves.toContain('at night');
    });
  });

  it('shows each fault scenario of the mock as its own error, naming cause and remedy', async () => {
    await withPage({}, async (p) => {
      await p.waitForModels();
      const seen = new Map<string, string>();
      for (const [scenario, expected] of Object.entries(FAULT_ERRORS)) {
        await p.chooseScenario(scenario);
        await p.clickGenerate();
        await p.waitForStatus('error');
        const kind = await p.error.getAttribute('data-error-kind');
        const title = await p.error.locator('.error-title').textContent();
        expect({ scenario, kind, title }).toEqual({ scenario, ...expected });
        // The cause and what to do are both on screen, not just a status code.
        expect((await p.error.locator('.error-action').textContent())?.length).toBeGreaterThan(10);
        seen.set(title ?? '', scenario);
        if (scenario === 'rate-limited') {
          await expect(p.error.getByRole('button').textContent()).resolves.toMatch(
            /^Retry in \d+ s$/,
          );
          expect(await p.error.getByRole('button').isDisabled()).toBe(true);
          // Generate waits for that model too; the other scenarios go on with another model.
          const current = await p.page.locator('.model-button .model-id').textContent();
          const other = (await p.modelOptions()).find((o) => o.id !== current && !o.imageOnly);
          await p.chooseModel(other!.id);
        }
        await shot(p, `error-${scenario}`);
        // The scenario applied to one generation only: the picker is back on a normal answer.
        expect(await p.page.getByTestId('scenario').inputValue()).toBe('');
      }
      expect(seen.size).toBe(Object.keys(FAULT_ERRORS).length);
      // After all that, a normal generation still works.
      await p.clickGenerate();
      await p.waitForStatus('success');
      expect(await p.images.count()).toBe(1);
    });
  });

  it('plays the recorded progressive and image-only streams', async () => {
    await withPage({}, async (p) => {
      await p.waitForModels();
      await p.chooseScenario('progressive');
      await p.clickGenerate();
      await p.waitForStatus('success');
      // A preview, then the final 4K image at the same index: one image on screen.
      expect(await p.imageSizes()).toEqual([imagePixelSize('16:9', '4K')]);
      await p.chooseScenario('image-only');
      await p.clickGenerate();
      await p.waitForStatus('success');
      expect(await p.images.count()).toBe(1);
      expect(await p.timelinePhases()).not.toContain('caption');
    });
  });

  it('sends a reference image as an image part', async () => {
    await withPage({}, async (p) => {
      await p.waitForModels();
      await p.page.getByLabel('Choose reference images').setInputFiles({
        name: 'sunset.png',
        mimeType: 'image/png',
        buffer: readFileSync(fixture(`blobs/${SUNSET_BLOB}`)),
      });
      await p.page.getByTestId('reference-thumb').waitFor();
      expect(
        await p.page
          .getByTestId('reference-thumb')
          .locator('img')
          .evaluate((img) =>
            (img as HTMLImageElement).decode().then(() => (img as HTMLImageElement).naturalWidth),
          ),
      ).toBeGreaterThan(0);
      await p.setPrompt('Make this a watercolor painting');
      await p.generateWithEnter();
      await p.waitForStatus('success');
      const [latest] = await p.loggedCalls();
      expect(latest?.head).toContain('POST /mock-api/v1/chat/completions');
      expect(latest?.parts).toEqual(['text', expect.stringMatching(/^image_url \(image\/png, \d/)]);
      await shot(p, 'reference-image');
    });
  });

  it('shows an earlier run from the gallery again, and Remix restores its settings', async () => {
    await withPage({}, async (p) => {
      await p.waitForModels();
      const model = 'openrouter/google/gemini-2.5-flash-image';
      await p.generate({ model, ratio: '9:16', prompt: 'A tall waterfall in a forest' });
      // The second run without streaming: one JSON answer, so no keep-alive phase.
      await p.page.getByLabel('Stream', { exact: true }).uncheck();
      await p.generate({ ratio: '1:1', prompt: 'A red bicycle against a wall' });
      expect(await p.imageSizes()).toEqual([imagePixelSize('1:1', '1K')]);
      expect(await p.timelinePhases()).not.toContain('processing');
      const [latest] = await p.loggedCalls();
      expect(latest?.settings).toContain('1:1 1K');
      expect(latest?.settings).toContain('no stream');

      const items = p.page.getByTestId('history-item');
      await expect.poll(() => items.count()).toBe(2);
      await items.nth(1).click();
      expect(await p.imageSizes()).toEqual([imagePixelSize('9:16', '1K')]);
      await expect(p.page.getByTestId('caption').textContent()).resolves.toContain(
        'A tall waterfall in a forest',
      );
      expect(await items.nth(1).getAttribute('aria-current')).toBe('true');
      // Seeing a run leaves the form alone; "Use these settings again" restores it.
      await expect(p.prompt.inputValue()).resolves.toBe('A red bicycle against a wall');
      await p.page.getByRole('button', { name: 'Use these settings again' }).click();
      // Streaming was off for the second run: the first one's "on" comes back.
      expect(await p.formState()).toMatchObject({ ratio: '9:16', stream: true });
      await expect(p.prompt.inputValue()).resolves.toBe('A tall waterfall in a forest');
      await shot(p, 'history');
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('works against a mock server on localhost, steered from the page', async () => {
    const server = inject('mockServerUrl');
    await fetch(`${server}/__mock/reset`, { method: 'POST' });
    const query = `mode=server&dialect=openrouter&server=${encodeURIComponent(server)}`;
    await withPage({ query }, async (p) => {
      await p.waitForModels();
      await expect(p.page.getByTestId('connection-label').textContent()).resolves.toBe(
        'Mock server · OpenRouter',
      );
      await p.page.getByLabel('Choose reference images').setInputFiles({
        name: 'sunset.png',
        mimeType: 'image/png',
        buffer: readFileSync(fixture(`blobs/${SUNSET_BLOB}`)),
      });
      await p.setPrompt('Make this a watercolor painting');
      await p.generateWithEnter();
      await p.waitForStatus('success');
      // The server's own call log (what a test in another language would read).
      const calls = (await (await fetch(`${server}/__mock/calls`)).json()) as {
        route: string;
        url: string;
        body: { messages: { content: { type: string; image_url?: { url: string } }[] }[] };
      }[];
      const chat = calls.filter((c) => c.route === 'chat');
      expect(chat).toHaveLength(1);
      expect(chat[0]!.url).toContain('/api/v1/chat/completions');
      const parts = chat[0]!.body.messages.at(-1)!.content;
      expect(parts.map((part) => part.type)).toEqual(['text', 'image_url']);
      expect(parts[1]!.image_url!.url).toMatch(/^data:image\/png;base64,iVBOR/);

      // A fault queued through the server's control endpoint, from the page.
      await p.chooseScenario('no-credits');
      await p.clickGenerate();
      await p.waitForStatus('error');
      expect(await p.error.getAttribute('data-error-kind')).toBe('no-credits');
      await shot(p, 'mock-server');
    });
  });

  it('keeps a live key in memory only and sends it only as a bearer header', async () => {
    // "Live" through a proxy base URL; the proxy here is the local mock server, so nothing
    // leaves the machine.
    const server = inject('mockServerUrl');
    await fetch(`${server}/__mock/reset`, { method: 'POST' });
    // A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
    const key = ['sk-or-v1', 'playground-e2e-secret-0123456789'].join('-');
    await withPage({ query: 'mode=live&dialect=openrouter' }, async (p) => {
      await expect(p.page.getByTestId('key-note').textContent()).resolves.toContain(
        "this dev server's route handler",
      );
      await p.page.getByLabel('OpenRouter API key').fill(key);
      await expect(p.page.getByTestId('key-note').textContent()).resolves.toContain(
        'which exposes the key to this page',
      );
      await p.page.getByLabel(/Proxy base URL/).fill(`${server}/api/v1`);
      await expect(p.page.getByTestId('key-note').textContent()).resolves.toContain('your proxy');
      await p.page.getByRole('button', { name: 'Connect' }).click();
      await p.waitForModels();
      await expect(p.page.getByTestId('connection-label').textContent()).resolves.toBe(
        'Live API · OpenRouter via proxy',
      );
      await p.setPrompt('A paper boat on a puddle');
      await p.generateWithEnter();
      await p.waitForStatus('success');
      const calls = (await (await fetch(`${server}/__mock/calls`)).json()) as {
        route: string;
        headers: Record<string, string>;
      }[];
      const chat = calls.find((c) => c.route === 'chat');
      expect(chat?.headers.authorization).toBe('Bearer <redacted>');
      const stored = await p.page.evaluate(() => ({
        url: location.href,
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        cookies: document.cookie,
      }));
      expect(JSON.stringify(stored)).not.toContain(key);
      // The gallery filed the run in IndexedDB without the key (Blobs and Files read as their
      // bytes, so a key inside an image or a reference would be found too).
      await expect.poll(() => p.galleryItems.count()).toBe(1);
      const saved = await p.page.evaluate(
        () =>
          new Promise<string>((resolve, reject) => {
            const open = indexedDB.open('lunos-image-playground');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('runs').objectStore('runs').getAll();
              all.onsuccess = async () => {
                const text = (value: unknown): Promise<unknown> =>
                  value instanceof Blob
                    ? value.text()
                    : Array.isArray(value)
                      ? Promise.all(value.map(text))
                      : value && typeof value === 'object'
                        ? Promise.all(
                            Object.entries(value).map(async ([k, v]) => [k, await text(v)]),
                          )
                        : Promise.resolve(value);
                resolve(JSON.stringify(await text(all.result)));
              };
            };
          }),
      );
      expect(saved).toContain('A paper boat on a puddle');
      expect(saved).not.toContain(key);
      expect(saved).not.toContain(key.slice(10));
      expect((await p.context.cookies()).length).toBe(0);
      expect(p.consoleErrors.join('\n')).not.toContain(key);
      const html = await p.page.content();
      expect(html).not.toContain(key.slice(10));
    });
  });

  it('explains a server that is down and a bad setting instead of showing a blank page', async () => {
    // A loopback port that was free a moment ago: nothing listens, the connection is refused.
    const query = `mode=server&server=${encodeURIComponent(`http://127.0.0.1:${await freePort()}`)}`;
    await withPage({ query }, async (p) => {
      await p.error.waitFor();
      expect(await p.error.getAttribute('data-error-kind')).toBe('connection');
      await expect(p.error.locator('.error-title').textContent()).resolves.toBe(
        'Could not load models: Connection failed',
      );
      await expect(p.error.locator('.error-action').textContent()).resolves.toContain(
        'lunos-image-mock serve',
      );
      await shot(p, 'server-down');
    });
    await withPage({ query: 'mockTiming=fast' }, async (p) => {
      const failed = p.page.getByTestId('mock-failed');
      await failed.waitFor();
      await expect(failed.textContent()).resolves.toContain('mockTiming');
    });
  });

  it('reads well in dark mode', async () => {
    await withPage({ colorScheme: 'dark' }, async (p) => {
      await p.waitForModels();
      await p.generateWithEnter();
      await p.waitForStatus('success');
      const colors = await p.page.evaluate(() => {
        const luminance = (css: string) => {
          const [r, g, b] = (css.match(/[\d.]+/g) ?? []).map(Number) as [number, number, number];
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        const body = getComputedStyle(document.body);
        const root = getComputedStyle(document.documentElement);
        return { background: luminance(root.backgroundColor), text: luminance(body.color) };
      });
      expect(colors.background).toBeLessThan(0.15);
      expect(colors.text).toBeGreaterThan(0.8);
      await shot(p, 'dark');
      expect(p.consoleErrors).toEqual([]);
    });
  });
});
