import { readFileSync } from 'node:fs';
import type { ImageModel } from '@lunos-image/core';
import { applyImageEndpoints, normalizeImagesModels } from '@lunos-image/core/internal';
import type { Locator } from 'playwright-core';
import type { PlaygroundPage } from './playground-page';

const fixtureJson = (path: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../packages/msw/fixtures/${path}`, import.meta.url), 'utf8'),
  ).response.body.json;

/**
 * The Images API catalog as core reads it from the fixtures the mock serves: the list, each
 * model with its endpoints' parameters and prices (what the page's `listModels` gets).
 */
export function fixtureImagesModels(): ImageModel[] {
  return normalizeImagesModels(fixtureJson('models/images.json')).map((model) =>
    applyImageEndpoints(model, fixtureJson(`models/images-endpoints/${model.id}.json`)),
  );
}

/** How many image models the OpenRouter chat catalog of the fixtures lists. */
export function fixtureChatImageModelCount(): number {
  const { data } = fixtureJson('models/openrouter.json') as {
    data: { architecture: { output_modalities: string[] } }[];
  };
  return data.filter((m) => m.architecture.output_modalities.includes('image')).length;
}

/** Waits until the picker counts `count` models: the Images API catalog loads after the chat one. */
export async function waitForModelCount(p: PlaygroundPage, count: number) {
  await p.page.locator('.model-picker .field-note', { hasText: `${count} image models` }).waitFor();
}

/** Chooses the Images API entry of `id` (the chat catalog may list the same id). */
export async function chooseImagesModel(p: PlaygroundPage, id: string) {
  await p.modelButton.click();
  await p.page
    .getByRole('listbox')
    .getByRole('option')
    .filter({ hasText: id })
    .filter({ has: p.page.getByTestId('images-api-badge') })
    .click();
  await p.page
    .locator('.model-button', { has: p.page.getByTestId('images-api-badge') })
    .locator('.model-id', { hasText: id })
    .waitFor();
}

/** The labels of a radio group of the form, or undefined when the form does not show it. */
export async function groupOptions(p: PlaygroundPage, name: string) {
  const group = p.page.locator('.compose').getByRole('radiogroup', { name, exact: true });
  if ((await group.count()) === 0) return undefined;
  return group.locator('label').evaluateAll((labels) => labels.map((l) => l.textContent ?? ''));
}

export function radio(p: PlaygroundPage, group: string, label: string): Locator {
  return p.page
    .locator('.compose')
    .getByRole('radiogroup', { name: group, exact: true })
    .getByLabel(label, { exact: true });
}

/** The seed's input (present only for a model that takes a seed). */
export function seedInput(p: PlaygroundPage): Locator {
  return p.page.getByLabel('Seed value');
}

/** The mock's request log, newest first: the settings line of each `POST …/images`. */
export async function imagesCalls(p: PlaygroundPage): Promise<string[]> {
  const calls = await p.loggedCalls();
  return calls.filter((c) => /^POST \S*\/images(?!\/)/.test(c.head)).map((c) => c.settings);
}

/**
 * Starts recording, in the page, what each image slot showed and in which order: `preview:N`
 * for the Nth preview, `image` when its final image took its place. Read it with
 * {@link slotHistory}.
 */
export async function recordSlots(p: PlaygroundPage) {
  await p.page.evaluate(() => {
    const history: Record<string, string[]> = {};
    const blurred: boolean[] = [];
    const note = () => {
      const slots = document.querySelector('[data-testid="image-slots"]');
      if (!slots) return;
      [...slots.children].forEach((child, slot) => {
        const el = child as HTMLElement;
        const seen =
          el.dataset.testid === 'preview-slot'
            ? `preview:${el.dataset.partialIndex}`
            : el.dataset.testid === 'image-card'
              ? 'image'
              : undefined;
        if (!seen) return;
        const list = history[slot] ?? [];
        if (list.at(-1) !== seen) list.push(seen);
        history[slot] = list;
        const img = el.querySelector('img');
        if (seen.startsWith('preview') && img)
          blurred.push(getComputedStyle(img).filter.includes('blur'));
      });
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-partial-index', 'src'],
    });
    (window as unknown as { __slots: unknown }).__slots = { history, blurred };
  });
}

export function slotHistory(p: PlaygroundPage) {
  return p.page.evaluate(
    () =>
      (window as unknown as { __slots: { history: Record<string, string[]>; blurred: boolean[] } })
        .__slots,
  );
}

/** SHA-256 of each image on screen, read back from its object URL. */
export function imageDigests(p: PlaygroundPage): Promise<string[]> {
  return p.images.evaluateAll((imgs) =>
    Promise.all(
      (imgs as HTMLImageElement[]).map(async (img) => {
        const bytes = await (await fetch(img.src)).arrayBuffer();
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
      }),
    ),
  );
}
