import { MOCK_HEADERS } from '@lunos-image/msw';
import { describe, expect, inject, it } from 'vitest';
import { SCENARIO_HEADERS } from '../src/mock/scenario-headers';
import { ARTIFACTS_DIR, saveScreenshot } from './artifacts';
import type { PlaygroundPage } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, withPage } = sharedBrowser();
const RUNNING = ['submitted', 'processing', 'streaming'];

interface ServerCall {
  route: string;
  headers: Record<string, string>;
  body: { model: string };
  answer: { status: number };
}

/** What each column says: its model, status, error kind and how many images it shows. */
const columnStates = (p: PlaygroundPage) =>
  p.columns.evaluateAll((columns) =>
    columns.map((c) => ({
      model: (c as HTMLElement).dataset.model,
      status: c.querySelector<HTMLElement>('[data-testid="status"]')?.dataset.status,
      error: c.querySelector<HTMLElement>('[data-testid="error"]')?.dataset.errorKind,
      images: c.querySelectorAll('[data-testid="generated-image"]').length,
    })),
  );

describe.skipIf(!chromiumPath).each(VIEWPORTS)('compare at $width px ($name)', (viewport) => {
  it('runs one prompt on 3 models, one failing: the others complete, Stop is per column, the winner is filed', async () => {
    // The mock's faults travel as msw's own headers.
    expect(SCENARIO_HEADERS).toEqual({ fixture: MOCK_HEADERS.fixture, fault: MOCK_HEADERS.fault });
    // The recorded pace, so there is time to stop one column while the others run.
    await withPage(viewport, { query: 'mockTiming=realtime' }, async (p) => {
      await p.waitForModels();
      await p.setPrompt('A lighthouse on a cliff at dusk');
      await p.compareModels();
      expect(await p.columns.count()).toBe(3);
      // The estimate beside Generate is for all three images.
      await expect(
        p.page.locator('.compose').getByTestId('cost-estimate').textContent(),
      ).resolves.toMatch(/^≈ \$[\d.]+ for (\d of )?3 images/);
      const models = await p.columns.evaluateAll((c) =>
        c.map((e) => (e as HTMLElement).dataset.model),
      );
      // The middle column answers with the provider's 502, whatever the others' requests do.
      await p.columns.nth(1).getByTestId('column-scenario').selectOption('provider-error');
      await p.clickGenerate();
      for (const i of [0, 2]) await p.waitForColumn(i, 'success');
      await p.waitForColumn(1, 'error');
      expect(await columnStates(p)).toEqual([
        { model: models[0], status: 'success', error: undefined, images: 1 },
        { model: models[1], status: 'error', error: 'provider-error', images: 0 },
        { model: models[2], status: 'success', error: undefined, images: 1 },
      ]);
      for (const i of [0, 2]) {
        // Each its own stopwatch and billed cost.
        await expect(p.columns.nth(i).getByTestId('status-text').textContent()).resolves.toMatch(
          /^Done in .+ · 1 image · .+ · \$[\d.]+$/,
        );
        await expect(p.columns.nth(i).getByTestId('cost-actual').textContent()).resolves.toMatch(
          /last run billed \$/,
        );
      }
      await expect(p.columns.nth(1).getByTestId('status-text').textContent()).resolves.toMatch(
        /^Failed after .+ · The provider failed$/,
      );
      // The mock saw three requests; only the middle model's carried the fault.
      const chatCalls = async () =>
        (await p.loggedCalls()).filter((c) => c.head.includes('/chat/completions'));
      await expect.poll(async () => (await chatCalls()).length).toBe(3);
      const calls = await chatCalls();
      const answers = Object.fromEntries(
        calls.slice(0, 3).map((c) => [models.find((m) => c.settings.startsWith(`${m} `)), c.head]),
      );
      expect(answers[models[1]!]).toContain('502 · errors/502-provider-error');
      expect(answers[models[0]!]).toContain('200 · synthesized');
      expect(answers[models[2]!]).toContain('200 · synthesized');

      // Pick the third column: it goes to the gallery, named as the winner over the others.
      const names = await p.columns.locator('.compare-title').allTextContents();
      await p.columns.nth(2).getByRole('button', { name: 'Pick as winner' }).click();
      await p.columns.nth(2).getByTestId('winner').waitFor();
      expect(
        await p.columns.nth(0).getByRole('button', { name: 'Pick as winner' }).isDisabled(),
      ).toBe(true);
      await expect.poll(() => p.galleryItems.count()).toBe(1);
      const meta = await p.galleryItems.first().locator('.history-meta').textContent();
      expect(meta).toContain(`${names[2]} · picked over ${names[0]}, ${names[1]}`);
      await expect(p.galleryItems.first().locator('.history-prompt').textContent()).resolves.toBe(
        'A lighthouse on a cliff at dusk',
      );

      // Laid out as columns on a desktop, as a swiped stack (scroll snap) on a phone.
      const layout = await p.page.getByTestId('compare-columns').evaluate((el) => {
        const boxes = [...el.children].map((c) => c.getBoundingClientRect());
        return {
          snap: getComputedStyle(el).scrollSnapType,
          scrolls: el.scrollWidth > el.clientWidth,
          sameRow: boxes.every((b) => Math.abs(b.top - boxes[0]!.top) < 1),
          lefts: boxes.map((b) => Math.round(b.left)),
          widest: Math.max(...boxes.map((b) => b.width)),
          viewport: window.innerWidth,
        };
      });
      expect(layout.sameRow).toBe(true);
      expect(layout.lefts).toEqual([...layout.lefts].sort((a, b) => a - b));
      if (viewport.name === 'phone') {
        expect(layout.snap).toBe('x mandatory');
        expect(layout.scrolls).toBe(true);
        expect(layout.widest).toBeLessThan(layout.viewport);
        // A swipe to the next column lands on it.
        const landed = await p.page.getByTestId('compare-columns').evaluate(async (el) => {
          // From the first column (picking the third one scrolled the stack to it).
          el.scrollTo({ left: 0 });
          el.scrollBy({ left: el.clientWidth * 0.6 });
          await new Promise((resolve) => setTimeout(resolve, 300));
          const second = el.children[1] as HTMLElement;
          return Math.abs(second.getBoundingClientRect().left - el.getBoundingClientRect().left);
        });
        expect(landed).toBeLessThan(2);
        // The stack as a phone shows it: below the sticky header, the next column peeking in.
        await p.page
          .getByTestId('compare')
          .evaluate((el) =>
            window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64),
          );
        await p.page.screenshot({ path: `${ARTIFACTS_DIR}phone-compare-stack.png` });
      } else {
        expect(layout.scrolls).toBe(false);
        expect(layout.lefts.at(-1)! + layout.widest).toBeLessThanOrEqual(layout.viewport);
      }
      expect(await p.horizontalOverflow()).toBe(0);
      await saveScreenshot(p.page, `${viewport.name}-compare`);

      // A second round: Stop ends one column; the others go on until stopped themselves.
      await p.clickGenerate();
      await p.waitForColumn(0, ...RUNNING);
      await p.columns.nth(0).getByRole('button', { name: 'Stop', exact: true }).click();
      await p.waitForColumn(0, 'aborted');
      await p.waitForColumn(1, 'error');
      expect((await columnStates(p))[2]!.status).toMatch(new RegExp(RUNNING.join('|')));
      await p.page.getByRole('button', { name: 'Stop all' }).click();
      await p.waitForColumn(2, 'aborted');
      expect((await columnStates(p)).map((c) => [c.status, c.images])).toEqual([
        ['aborted', 0],
        ['error', 0],
        ['aborted', 0],
      ]);
      // Only a winner is filed.
      expect(await p.galleryItems.count()).toBe(1);
      expect(p.consoleErrors.filter((e) => !e.includes('status of 502'))).toEqual([]);
    });
  });

  it('compares on the mock server (a fault per column over HTTP) and in a live mode', async () => {
    const server = inject('mockServerUrl');
    await fetch(`${server}/__mock/reset`, { method: 'POST' });
    const query = `mode=server&dialect=openrouter&server=${encodeURIComponent(server)}`;
    await withPage(viewport, { query }, async (p) => {
      await p.waitForModels();
      await p.compareModels();
      const boxes = p.page.locator('.compare-picker input[type="checkbox"]');
      // Down to two models.
      await boxes.nth(2).uncheck();
      expect(await p.columns.count()).toBe(2);
      await p.columns.nth(0).getByTestId('column-scenario').selectOption('network-error');
      await p.clickGenerate();
      await p.waitForColumn(0, 'error');
      await p.waitForColumn(1, 'success');
      expect((await columnStates(p)).map((c) => c.error)).toEqual(['connection', undefined]);
      const models = await p.columns.evaluateAll((c) =>
        c.map((e) => (e as HTMLElement).dataset.model),
      );
      const calls = ((await (await fetch(`${server}/__mock/calls`)).json()) as ServerCall[]).filter(
        (c) => c.route === 'chat',
      );
      // (Chromium sends a request again once when its connection is reset before any answer.)
      expect([...new Set(calls.map((c) => c.body.model))].sort()).toEqual([...models].sort());
      for (const call of calls) {
        const fault = call.headers[MOCK_HEADERS.fault];
        if (call.body.model === models[0]) {
          expect(JSON.parse(fault!)).toEqual([{ type: 'network-error' }]);
        } else {
          expect(fault).toBeUndefined();
        }
      }

      // Live, through a proxy (the mock server again) with a typed key: no mock answers offered.
      await fetch(`${server}/__mock/reset`, { method: 'POST' });
      // The Connection panel is open in the server mode.
      await p.page.locator('label.tab', { hasText: 'Live API' }).click();
      await p.page
        .getByLabel('OpenRouter API key')
        .fill(['sk', 'or', 'v1', 'x'.repeat(64)].join('-'));
      await p.page.getByLabel(/Proxy base URL/).fill(`${server}/api/v1`);
      await p.page.getByRole('button', { name: 'Connect' }).click();
      await p.waitForModels();
      await p.compareModels();
      expect(await p.page.getByTestId('column-scenario').count()).toBe(0);
      await p.clickGenerate();
      for (const i of [0, 1, 2]) await p.waitForColumn(i, 'success');
      const live = ((await (await fetch(`${server}/__mock/calls`)).json()) as ServerCall[]).filter(
        (c) => c.route === 'chat',
      );
      expect(live).toHaveLength(3);
      expect(live.every((c) => c.headers.authorization === 'Bearer <redacted>')).toBe(true);
    });
  });
});
