import { estimateImageCost } from '@lunos-image/core';
import { describe, expect, inject, it } from 'vitest';
import { formatUsd } from '../src/format/format-usd';
import { modelPrice } from '../src/models/model-price';
import { saveScreenshot } from './artifacts';
import { seriousViolations } from './axe-scan';
import { codeFor, runCopiedCurl, typeCheck } from './copied-code';
import {
  chooseImagesModel,
  fixtureChatImageModelCount,
  fixtureImagesModels,
  groupOptions,
  imageDigests,
  imagesCalls,
  radio,
  recordSlots,
  seedInput,
  slotHistory,
  waitForModelCount,
} from './images-api-page';
import type { PlaygroundPage } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, withPage } = sharedBrowser();
const IMAGES_MODELS = fixtureImagesModels();
const ALL_MODELS = fixtureChatImageModelCount() + IMAGES_MODELS.length;
/** The Images API lives in OpenRouter's dialect; the built-in mock serves it there. */
const QUERY = 'dialect=openrouter&mockTiming=speed=8';

const GPT = 'openai/gpt-image-1';
const SEEDREAM = 'bytedance-seed/seedream-4.5';
const FLUX = 'black-forest-labs/flux.2-pro';
const GEMINI = 'google/gemini-3.1-flash-image-preview';

async function openImagesModel(p: PlaygroundPage, id: string) {
  await p.waitForModels();
  await waitForModelCount(p, ALL_MODELS);
  await chooseImagesModel(p, id);
}

/** What the form shows for a model that lists none of the Images API's own parameters. */
const NO_IMAGES_CONTROLS = {
  images: undefined,
  quality: undefined,
  format: undefined,
  background: undefined,
  seed: false,
};

/** Which of the Images API's own controls the form shows, with their options. */
async function imagesControls(p: PlaygroundPage) {
  return {
    images: await groupOptions(p, 'Images'),
    quality: await groupOptions(p, 'Quality'),
    format: await groupOptions(p, 'Output format'),
    background: await groupOptions(p, 'Background'),
    seed: (await seedInput(p).count()) > 0,
    ratios: await groupOptions(p, 'Aspect ratio'),
    sizes: await groupOptions(p, 'Image size'),
  };
}

describe.skipIf(!chromiumPath).each(VIEWPORTS)('Images API at $width px ($name)', (viewport) => {
  it('lists the Images API models marked and priced, and shows only the pickers a model takes', async () => {
    await withPage(viewport, { query: QUERY }, async (p) => {
      await p.waitForModels();
      await waitForModelCount(p, ALL_MODELS);
      const rows = await p.modelOptions();
      const marked = rows.filter((r) => r.imagesApi);
      expect(marked.map((r) => r.id).sort()).toEqual(IMAGES_MODELS.map((m) => m.id).sort());
      // After the chat models, each with the price its endpoints list.
      expect(rows.slice(-IMAGES_MODELS.length).every((r) => r.imagesApi)).toBe(true);
      for (const row of marked) {
        const model = IMAGES_MODELS.find((m) => m.id === row.id)!;
        expect(row.price).toBe(modelPrice(model) ?? null);
      }
      expect(marked.find((r) => r.id === FLUX)?.price).toBe('$0.03 / megapixel');
      expect(marked.find((r) => r.id === SEEDREAM)?.price).toBe('≈ $0.04 / image');
      // Priced per token: 4160 tokens (1024 × 1024, high, what auto picks) at $40 per million.
      expect(marked.find((r) => r.id === GPT)?.price).toBe('≈ $0.166 / image');
      expect(marked.every((r) => r.price !== null)).toBe(true);

      // A chat model: none of the Images API's controls.
      expect(await imagesControls(p)).toMatchObject(NO_IMAGES_CONTROLS);

      await chooseImagesModel(p, GPT);
      expect(await imagesControls(p)).toEqual({
        images: ['1', '2', '3', '4'],
        quality: ['Default', 'Auto', 'Low', 'Medium', 'High'],
        format: ['Default', 'PNG', 'JPEG', 'WebP'],
        background: ['Default', 'Auto', 'Transparent', 'Opaque'],
        seed: false,
        // `auto` is not a ratio core sends; GPT Image lists no resolution.
        ratios: ['1:1', '3:2', '2:3'],
        sizes: undefined,
      });
      await radio(p, 'Images', '4').check();
      await radio(p, 'Quality', 'High').check();
      await radio(p, 'Background', 'Transparent').check();
      expect(await seriousViolations(p.page)).toEqual([]);
      await saveScreenshot(p.page, `${viewport.name}-images-api-controls`);

      await chooseImagesModel(p, SEEDREAM);
      expect(await imagesControls(p)).toEqual({
        images: ['1', '2', '3', '4'],
        quality: undefined,
        format: undefined,
        background: undefined,
        seed: true,
        ratios: ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3', '21:9'],
        sizes: ['1K', '2K', '4K'],
      });
      // The estimate covers the four images asked for.
      await radio(p, 'Aspect ratio', '1:1').check();
      await radio(p, 'Image size', '1K').check();
      const seedream = IMAGES_MODELS.find((m) => m.id === SEEDREAM)!;
      const four = estimateImageCost(seedream, { imageSize: '1K', aspectRatio: '1:1', n: 4 })!;
      await expect(p.page.getByTestId('cost-estimate').textContent()).resolves.toBe(
        `≈ ${formatUsd(four)} for 4 images`,
      );
      await p.page.getByLabel('Lock seed').check();
      expect(await seriousViolations(p.page)).toEqual([]);

      await chooseImagesModel(p, FLUX);
      expect(await imagesControls(p)).toMatchObject({
        images: undefined,
        quality: undefined,
        seed: true,
        sizes: ['1K', '2K'],
      });
      await chooseImagesModel(p, GEMINI);
      expect(await imagesControls(p)).toMatchObject({
        ...NO_IMAGES_CONTROLS,
        sizes: ['0.5K', '1K', '2K', '4K'],
      });
      expect(await p.horizontalOverflow()).toBe(0);
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('streams n = 4 on GPT Image 1: a blurred, labelled preview in each slot, then its image', async () => {
    await withPage(viewport, { query: QUERY }, async (p) => {
      await openImagesModel(p, GPT);
      await radio(p, 'Images', '4').check();
      await radio(p, 'Quality', 'High').check();
      await p.setPrompt('A lighthouse on a cliff at dusk');
      await recordSlots(p);
      await p.generateWithEnter();
      // Four slots while it runs, the first preview in its slot.
      await p.page.locator('[data-testid="image-slots"][data-slots="4"]').waitFor();
      await p.page.getByTestId('preview-slot').first().waitFor();
      await expect(p.page.locator('.preview-label').first().textContent()).resolves.toMatch(
        /^Preview \d$/,
      );
      await p.waitForStatus('success');

      // Every slot showed its two previews, in order, each blurred, then its image.
      const { history, blurred } = await slotHistory(p);
      expect(history).toEqual({
        0: ['preview:0', 'preview:1', 'image'],
        1: ['preview:0', 'preview:1', 'image'],
        2: ['preview:0', 'preview:1', 'image'],
        3: ['preview:0', 'preview:1', 'image'],
      });
      expect(blurred.length).toBeGreaterThan(0);
      expect(blurred.every(Boolean)).toBe(true);
      expect(await p.page.getByTestId('preview-slot').count()).toBe(0);
      expect(await p.images.count()).toBe(4);
      // GPT Image draws 1:1 at 1024 × 1024.
      expect(await p.imageSizes()).toEqual(Array(4).fill({ width: 1024, height: 1024 }));
      expect(await p.timelinePhases()).toEqual([
        'submitted',
        'processing',
        'preview',
        'image',
        'done',
      ]);
      await expect(p.page.getByTestId('status-text').textContent()).resolves.toMatch(
        /^Done in .+ · 4 images · .+ · \$[\d.]+$/,
      );
      // Token-priced: OpenAI's tokens for 1024 × 1024 at high quality, times four, then the
      // billed cost after.
      const gpt = IMAGES_MODELS.find((m) => m.id === GPT)!;
      const four = estimateImageCost(gpt, { aspectRatio: '1:1', quality: 'high', n: 4 })!;
      expect(four).toBe(0.6656);
      await expect(p.page.getByTestId('cost-estimate').textContent()).resolves.toBe(
        `≈ ${formatUsd(four)} for 4 images`,
      );
      await p.page.getByTestId('cost-actual').waitFor();
      expect((await imagesCalls(p))[0]).toBe(`${GPT} · n 4 · 1:1 · quality high · stream`);
      await saveScreenshot(p.page, `${viewport.name}-images-api-done`);
      expect(await p.horizontalOverflow()).toBe(0);

      // The gallery files the four images, and shows them again as a grid.
      await expect.poll(() => p.galleryItems.count()).toBe(1);
      const meta = await p.page.locator('.history-meta').first().textContent();
      expect(meta).toMatch(
        /^Done · 1:1 · 4 images · quality high · .+ · OpenAI: GPT Image 1 · Images API$/,
      );
      await p.galleryItems.first().click();
      await p.page.getByTestId('viewing').waitFor();
      await p.page.locator('[data-testid="image-slots"][data-slots="4"]').waitFor();
      expect(await p.images.count()).toBe(4);
      // Remix brings back the Images API model and what it was asked for.
      await chooseImagesModel(p, SEEDREAM);
      await p.page.getByRole('button', { name: 'Use these settings again' }).click();
      await p.page
        .locator('.model-button', { has: p.page.getByTestId('images-api-badge') })
        .locator('.model-id', { hasText: GPT })
        .waitFor();
      expect(await radio(p, 'Images', '4').isChecked()).toBe(true);
      expect(await radio(p, 'Quality', 'High').isChecked()).toBe(true);
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('one failed image of four: the image that came stays, the failed slot says why, the others are not made', async () => {
    await withPage(viewport, { query: QUERY }, async (p) => {
      await openImagesModel(p, GPT);
      await radio(p, 'Images', '4').check();
      await p.setPrompt('A harbour at first light');
      await p.chooseScenario('images-one-fails');
      await p.generateWithEnter();
      await p.waitForStatus('success');

      // Four slots: the first image, the error that ended the second, two the model never made.
      await p.page.locator('[data-testid="image-slots"][data-slots="4"]').waitFor();
      expect(await p.images.count()).toBe(1);
      const slots = await p.page
        .getByTestId('image-slots')
        .locator(':scope > *')
        .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.testid));
      expect(slots).toEqual(['image-card', 'slot-failed', 'slot-not-made', 'slot-not-made']);
      await expect(p.page.getByTestId('slot-failed').textContent()).resolves.toBe(
        'Image 2 of 4 · Failed: The provider could not finish this image',
      );
      await expect(p.page.getByTestId('slot-not-made').first().textContent()).resolves.toBe(
        'Image 3 of 4 · Not made: the model returned fewer images than asked for',
      );
      // No run error: the run succeeded with one image, and its cost is the billed one.
      expect(await p.error.count()).toBe(0);
      await expect(p.page.getByTestId('status-text').textContent()).resolves.toMatch(
        /^Done in .+ · 1 of 4 images · .+ · \$[\d.]+$/,
      );
      await p.page.getByTestId('cost-actual').waitFor();
      expect(await p.imageSizes()).toEqual([{ width: 1024, height: 1024 }]);
      expect(await seriousViolations(p.page)).toEqual([]);
      await saveScreenshot(p.page, `${viewport.name}-images-api-one-fails`);
      expect(await p.horizontalOverflow()).toBe(0);
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('locks the seed: the same pictures twice; unlocked, a new seed every run', async () => {
    await withPage(viewport, { query: QUERY }, async (p) => {
      await openImagesModel(p, SEEDREAM);
      await radio(p, 'Images', '2').check();
      await p.setPrompt('A kite over the dunes');
      // Random each run: the input shows the seed a run drew, and cannot be typed into.
      expect(await seedInput(p).isDisabled()).toBe(true);
      await p.clickGenerate();
      await p.waitForStatus('success');
      const drawn = Number(await seedInput(p).inputValue());
      expect(Number.isInteger(drawn)).toBe(true);

      await p.page.getByLabel('Lock seed').check();
      // Locking keeps the seed the last run drew; then a typed one.
      expect(Number(await seedInput(p).inputValue())).toBe(drawn);
      await seedInput(p).fill('4242');
      await expect(p.page.getByTestId('seed-hint').textContent()).resolves.toContain(
        'Every run sends seed 4242',
      );
      const digests: string[][] = [];
      for (let run = 0; run < 2; run++) {
        await p.clickGenerate();
        await p.waitForStatus('success');
        await expect.poll(() => p.images.count()).toBe(2);
        digests.push(await imageDigests(p));
      }
      // Same seed, same request: the same two pictures (two slots, two pictures).
      expect(digests[1]).toEqual(digests[0]);
      expect(new Set(digests[0]).size).toBe(2);

      await p.page.getByLabel('Lock seed').uncheck();
      for (let run = 0; run < 2; run++) {
        await p.clickGenerate();
        await p.waitForStatus('success');
        await expect.poll(() => p.images.count()).toBe(2);
      }
      const seeds = (await imagesCalls(p)).map((settings) => /seed (\d+)/.exec(settings)?.[1]);
      // Newest first: two random runs, the two locked ones, the first random one.
      expect(seeds).toHaveLength(5);
      expect(seeds.slice(2, 4)).toEqual(['4242', '4242']);
      expect(seeds[4]).toBe(String(drawn));
      expect(new Set([seeds[0], seeds[1], '4242']).size).toBe(3);
      // The gallery says which seed made each run.
      await expect.poll(() => p.galleryItems.count()).toBe(5);
      const metas = await p.page.locator('.history-meta').allTextContents();
      expect(metas.map((m) => /seed (\d+)/.exec(m)?.[1])).toEqual(seeds);
      expect(await seedInput(p).inputValue()).toBe(seeds[0]);
      expect(p.consoleErrors).toEqual([]);
    });
  });

  it('copies Images API code: TypeScript that type-checks, curl that the mock server answers', async () => {
    const server = inject('mockServerUrl');
    const query = `mode=server&dialect=openrouter&server=${encodeURIComponent(server)}`;
    await withPage(viewport, { query }, async (p) => {
      await openImagesModel(p, GPT);
      await p.setPrompt('A paper boat on a puddle');
      await radio(p, 'Images', '2').check();
      await radio(p, 'Quality', 'High').check();
      await radio(p, 'Background', 'Transparent').check();
      const ts = await codeFor(p, 'TypeScript');
      expect(ts).toContain("dialect: 'openrouter'");
      for (const line of [
        'api: "images"',
        'n: 2',
        'quality: "high"',
        'background: "transparent"',
      ]) {
        expect(ts).toContain(line);
      }
      expect(ts).not.toContain('modalities');
      const check = typeCheck(ts, `images-${viewport.name}`);
      expect(check.output).toBe('');
      expect(check.status).toBe(0);
      // The hook's snippet shows each slot's preview until its image arrives.
      expect(await codeFor(p, 'React hook')).toContain('generation.partials[slot]');

      const curl = await codeFor(p, 'curl');
      expect(curl).toContain('/api/v1/images"');
      const out = runCopiedCurl(curl);
      const answer = JSON.parse(out) as { data: { b64_json: string; media_type: string }[] };
      expect(answer.data.map((image) => image.media_type)).toEqual(['image/png', 'image/png']);
      const calls = (await (await fetch(`${server}/__mock/calls`)).json()) as {
        route: string;
        body: Record<string, unknown>;
      }[];
      expect(calls.filter((c) => c.route === 'images').at(-1)?.body).toEqual({
        model: GPT,
        prompt: 'A paper boat on a puddle',
        n: 2,
        aspect_ratio: '1:1',
        quality: 'high',
        background: 'transparent',
        stream: false,
      });

      // A locked seed is in the code; a seed left to chance is not.
      await chooseImagesModel(p, SEEDREAM);
      expect(await codeFor(p, 'TypeScript')).not.toMatch(/\bseed:/);
      await p.page.getByLabel('Lock seed').check();
      await seedInput(p).fill('77');
      expect(await codeFor(p, 'TypeScript')).toContain('seed: 77');
      expect(await codeFor(p, 'Python')).toContain('"seed": 77');
    });
  });

  it('stops a streaming run (its previews go) and shows an Images API failure per run', async () => {
    // The recorded pace: a preview stays on screen for seconds, long enough to look at and stop.
    await withPage(viewport, { query: 'dialect=openrouter&mockTiming=realtime' }, async (p) => {
      await openImagesModel(p, GPT);
      await radio(p, 'Images', '4').check();
      await p.setPrompt('A city of glass towers at night');
      await p.generateWithEnter();
      // The second, finer preview of the first slot; the other three slots wait their turn.
      await p.page.locator('[data-testid="preview-slot"][data-partial-index="1"]').waitFor();
      expect(await p.page.getByTestId('slot-placeholder').count()).toBe(3);
      await saveScreenshot(p.page, `${viewport.name}-images-api-previews`);
      expect(await seriousViolations(p.page)).toEqual([]);
      await p.page.keyboard.press('Escape');
      await p.waitForStatus('aborted');
      await p.page.getByTestId('aborted').waitFor();
      // The previews and waiting slots go; slot 1's image may have come before the stop (the
      // screenshot and the scan take time under load), but nothing comes after it.
      expect(await p.page.getByTestId('preview-slot').count()).toBe(0);
      expect(await p.page.getByTestId('slot-placeholder').count()).toBe(0);
      const shown = await p.images.count();
      expect(shown).toBeLessThanOrEqual(1);
      await p.page.waitForTimeout(3000);
      expect(await p.images.count()).toBe(shown);
      expect(await p.status.getAttribute('data-status')).toBe('aborted');

      // The Mock panel offers this wire's answers; one fails mid-stream.
      await p.chooseScenario('images-in-stream-error');
      await p.clickGenerate();
      await p.waitForStatus('error');
      expect(await p.error.getAttribute('data-error-kind')).toBe('stream-error');
      await p.chooseScenario('images-rate-limited');
      await p.clickGenerate();
      await p.waitForStatus('error');
      expect(await p.error.getAttribute('data-error-kind')).toBe('rate-limited');
      expect(await seriousViolations(p.page)).toEqual([]);
    });
  });
});
