import { sniffImageType } from '@lunos-image/core/internal';
import { describe, expect, it } from 'vitest';
import {
  chooseImagesModel,
  fixtureChatImageModelCount,
  fixtureImagesModels,
  radio,
  waitForModelCount,
} from './images-api-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, withPage } = sharedBrowser();
const ALL_MODELS = fixtureChatImageModelCount() + fixtureImagesModels().length;

describe.skipIf(!chromiumPath).each(VIEWPORTS)('Output format at $width px ($name)', (viewport) => {
  it.each([
    ['JPEG', 'image/jpeg'],
    ['WebP', 'image/webp'],
  ])(
    'GPT Image 1 on the built-in mock in %s: the image on screen is that format, at 3:2',
    async (label, type) => {
      await withPage(viewport, { query: 'dialect=openrouter&mockTiming=speed=8' }, async (p) => {
        await p.waitForModels();
        await waitForModelCount(p, ALL_MODELS);
        await chooseImagesModel(p, 'openai/gpt-image-1');
        await radio(p, 'Output format', label).check();
        await radio(p, 'Aspect ratio', '3:2').check();
        await p.setPrompt('A lighthouse on a cliff at dusk');
        await p.generateWithEnter();
        await p.waitForStatus('success');
        // Chromium decoded it (natural size from the file), drawn in the page by the mock's encoder.
        expect(await p.imageSizes()).toEqual([{ width: 1536, height: 1024 }]);
        const heads = await p.images.evaluateAll((imgs) =>
          Promise.all(
            (imgs as HTMLImageElement[]).map(async (img) => {
              const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
              return [...bytes.subarray(0, 16)];
            }),
          ),
        );
        expect(heads.map((head) => sniffImageType(new Uint8Array(head)))).toEqual([type]);
        expect(p.consoleErrors).toEqual([]);
      });
    },
  );
});
