import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { liveRouteHandlers } from '../live-route-handlers';
import { apiBaseUrl } from '../src/connection/api-base-url';
import { formatUsd } from '../src/format/format-usd';
import { imageDigests } from './images-api-page';
import { mockControlRequest } from './mock-control-request';
import { PlaygroundPage } from './playground-page';
import { type StaticServer, serveStatic } from './serve-static';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, browser } = sharedBrowser();
const mockServerUrl = inject('mockServerUrl');

/** The image of the mock's `chat/sunset-stream` recording (its blob file is named by it). */
const SUNSET_SHA256 = 'c9735bd8ef5125a51b879277d095b13987afd48e6efc9661859fd521bbb76d74';
/** A job id of the route handler: 128 random bits as base64url. */
const JOB_ID = /^[\w-]{22}$/;

/**
 * The built playground with the live modes' route handlers mounted as `pnpm dev` mounts them
 * (jobs on, memory store), their upstream the mock server instead of the provider.
 */
let site: StaticServer | undefined;
beforeAll(async () => {
  if (!chromiumPath) return;
  // Assembled here: no key-shaped literal in the source.
  const apiKey = ['sk', 'playground', 'resume', 'e2e', '0123456789abcdef'].join('-');
  site = await serveStatic(
    fileURLToPath(new URL('../dist', import.meta.url)),
    liveRouteHandlers({ baseURL: (dialect) => apiBaseUrl(mockServerUrl, dialect), apiKey }),
  );
});
afterAll(async () => {
  await site?.close();
});

const mockControl = (path: string, body?: unknown) => mockControlRequest(mockServerUrl, path, body);

// Skipped (and reported by the global setup) only where Chromium is missing and not required.
describe.skipIf(!chromiumPath).each(VIEWPORTS)('live mode at $width px ($name)', (viewport) => {
  it('takes a run up again after a reload mid-generation: the same image, the timeline says resumed', async () => {
    // The recorded sunset at its own pace: the caption after about 4 s, the image 4 s later.
    await mockControl('reset');
    await mockControl('scenario', { fixture: 'chat/sunset-stream', timing: 'realtime' });
    const url = site?.url ?? '';
    await PlaygroundPage.with(browser(), url, { viewport, query: 'mode=live' }, async (p) => {
      await p.waitForModels();
      await p.chooseModel('openrouter/google/gemini-2.5-flash-image');
      await p.setPrompt('A sunset over the mountains');
      await p.generateWithEnter();
      // Halfway: the caption came, the image has not.
      await p.page.locator('[data-testid="timeline"] [data-phase="caption"]').waitFor();
      expect(await p.images.count()).toBe(0);
      const saved = await p.page.evaluate(() => sessionStorage.getItem('lunos-image:job:lunos'));
      const jobId = (JSON.parse(saved ?? '{}') as { id?: string }).id;
      expect(jobId).toMatch(JOB_ID);

      await p.page.reload();
      await p.waitForStatus('success');
      // The reloaded page did not submit the run: it took the job up again, replayed from its
      // start, then followed it to its end.
      const phases = await p.timelinePhases();
      expect(phases[0]).toBe('resumed');
      expect(phases).not.toContain('submitted');
      expect(phases).toEqual(expect.arrayContaining(['caption', 'image']));
      expect(phases.at(-1)).toBe('done');
      expect(await imageDigests(p)).toEqual([SUNSET_SHA256]);
      expect(await p.page.evaluate(() => sessionStorage.getItem('lunos-image:job:lunos'))).toBe(
        null,
      );

      // One generation went upstream, and ran to its end while the page reloaded.
      const calls = (await (await fetch(`${mockServerUrl}/__mock/calls`)).json()) as {
        route: string;
        answer: { status: number };
      }[];
      expect(calls.filter((c) => c.route === 'chat').map((c) => c.answer.status)).toEqual([200]);
      expect(p.consoleErrors).toEqual([]);
    });
  });
});

/** A visitor's budget in the test below: three generations of the mock's Gemini ($0.0032 each). */
const BUDGET_USD = 0.01;

describe.skipIf(!chromiumPath)('live mode with a budget per visitor', () => {
  let budgeted: StaticServer | undefined;
  beforeAll(async () => {
    if (!chromiumPath) return;
    const apiKey = ['sk', 'playground', 'budget', 'e2e', '0123456789abcdef'].join('-');
    budgeted = await serveStatic(
      fileURLToPath(new URL('../dist', import.meta.url)),
      liveRouteHandlers(
        { baseURL: (dialect) => apiBaseUrl(mockServerUrl, dialect), apiKey },
        { budgetUsd: BUDGET_USD, budgetWindowMs: 86_400_000, ratePerMinute: 10 },
      ),
    );
  });
  afterAll(async () => {
    await budgeted?.close();
  });

  it('shows the reservation before Generate, the budget left after each run, then why the next is refused', async () => {
    await mockControl('reset');
    const viewport = VIEWPORTS[0] as (typeof VIEWPORTS)[number];
    await PlaygroundPage.with(
      browser(),
      budgeted?.url ?? '',
      { viewport, query: 'mode=live' },
      async (p) => {
        await p.waitForModels();
        await p.chooseModel('openrouter/google/gemini-2.5-flash-image');
        const estimate = await p.page.getByTestId('cost-estimate').textContent();
        const left: number[] = [];
        for (;;) {
          expect(left.length).toBeLessThan(8);
          await p.setPrompt(`A sunset, take ${left.length + 1}`);
          const [answer] = await Promise.all([
            p.page.waitForResponse(
              (r) => r.url().endsWith('/chat/completions') && r.request().method() === 'POST',
            ),
            p.generateWithEnter(),
          ]);
          if (answer.status() === 429) break;
          await p.waitForStatus('success');
          const remaining = Number(answer.headers()['x-lunos-budget-remaining']);
          left.push(remaining);
          await expect(p.page.getByTestId('budget-remaining').textContent()).resolves.toBe(
            ` · ${formatUsd(remaining)} of your budget left`,
          );
        }
        // A few runs fit, each leaving less; the first reserved what the page showed before it.
        expect(left.length).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < left.length; i++) expect(left[i]).toBeLessThan(left[i - 1] as number);
        // (to 12 digits: the float noise of the subtraction aside)
        const reserved = Number((BUDGET_USD - (left[0] as number)).toPrecision(12));
        expect(estimate).toBe(`≈ ${formatUsd(reserved)} for 1 image`);

        // The next would pass the budget: refused before the upstream, and the page says so.
        await p.waitForStatus('error');
        expect(await p.error.getAttribute('data-error-kind')).toBe('budget-exceeded');
        await expect(p.error.getByRole('heading').textContent()).resolves.toBe('Budget used up');
        const said = await p.error.textContent();
        expect(said).toMatch(/your budget has left \(\$[\d.]+\)\./);
        expect(said).toMatch(/enough for this one in 2[34] h \d+ min/);
        const budgetText = await p.page.getByTestId('budget-remaining').textContent();
        expect(said).toContain(`(${budgetText?.match(/\$[\d.]+/)?.[0]})`);
        const calls = (await (await fetch(`${mockServerUrl}/__mock/calls`)).json()) as {
          route: string;
        }[];
        expect(calls.filter((c) => c.route === 'chat')).toHaveLength(left.length);
        expect(p.consoleErrors.filter((e) => !e.includes('status of 429'))).toEqual([]);
      },
    );
  });
});
