import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS_DIR } from './artifacts';
import { codeFor, runCopiedCurl, typeCheck } from './copied-code';
import { PlaygroundPage as Page } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, appUrl, browser } = sharedBrowser();

describe.skipIf(!chromiumPath).each(VIEWPORTS)('copy as code at $width px ($name)', (viewport) => {
  it('gives TypeScript that type-checks and curl that runs against the mock server', async () => {
    const server = inject('mockServerUrl');
    const query = `mode=server&dialect=openrouter&server=${encodeURIComponent(server)}`;
    await Page.with(browser(), appUrl, { viewport, query }, async (p) => {
      await p.waitForModels();
      await p.setPrompt("A kite over the sea, it's windy");
      await p.chooseRatio('1:1');

      const ts = await codeFor(p, 'TypeScript');
      expect(ts).toContain('process.env.OPENROUTER_API_KEY');
      expect(ts).toContain('"1:1"');
      const check = typeCheck(ts, viewport.name);
      expect(check.output).toBe('');
      expect(check.status).toBe(0);

      const curl = await codeFor(p, 'curl');
      expect(curl).toContain('$OPENROUTER_API_KEY');
      const out = runCopiedCurl(curl);
      const answer = JSON.parse(out) as {
        choices: { message: { images?: { image_url: { url: string } }[] } }[];
      };
      expect(answer.choices[0]?.message.images?.[0]?.image_url.url).toMatch(/^data:image\//);
      const calls = (await (await fetch(`${server}/__mock/calls`)).json()) as {
        body: { messages: { content: string }[]; image_config?: Record<string, string> };
      }[];
      const last = calls.at(-1)!;
      expect(last.body.messages[0]?.content).toBe("A kite over the sea, it's windy");
      expect(last.body.image_config?.aspect_ratio).toBe('1:1');

      for (const language of ['React hook', 'Python']) {
        const code = await codeFor(p, language);
        expect(code).toContain("A kite over the sea, it's windy");
      }
      expect(await codeFor(p, 'Python')).toContain("os.environ['OPENROUTER_API_KEY']");
      await p.page.locator('details.code-panel').scrollIntoViewIfNeeded();
      await p.page.screenshot({ path: `${ARTIFACTS_DIR}${viewport.name}-copy-as-code.png` });
    });
  });
});
