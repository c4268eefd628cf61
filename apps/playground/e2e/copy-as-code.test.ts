import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { ARTIFACTS_DIR } from './artifacts';
import type { PlaygroundPage } from './playground-page';
import { PlaygroundPage as Page } from './playground-page';
import { sharedBrowser, VIEWPORTS } from './shared-browser';

const { chromiumPath, appUrl, browser } = sharedBrowser();
// Inside the workspace, so the copied import resolves to the workspace's @lunos-image/core.
const scratch = fileURLToPath(new URL('./.copied-code/', import.meta.url));

async function codeFor(p: PlaygroundPage, language: string): Promise<string> {
  const panel = p.page.locator('details.code-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await panel.locator('summary').click();
  }
  await panel
    .getByRole('radiogroup', { name: 'Code language' })
    .getByLabel(language, { exact: true })
    .check();
  return (await p.page.getByTestId('code').textContent()) ?? '';
}

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
      const dir = `${scratch}${viewport.name}/`;
      mkdirSync(dir, { recursive: true });
      try {
        writeFileSync(`${dir}copied.mts`, ts);
        const tsc = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));
        // Fails with tsc's diagnostics if the copied code does not type-check. The import is
        // resolved to core's sources (its `@lunos-image/source` condition), so the check needs no
        // build and sees the API as it is in this commit; bundler resolution because the sources'
        // relative imports carry no extensions.
        const check = spawnSync(
          tsc,
          [
            '--noEmit',
            '--strict',
            '--target',
            'es2023',
            '--module',
            'preserve',
            '--moduleResolution',
            'bundler',
            '--customConditions',
            '@lunos-image/source',
            '--types',
            'node',
            '--skipLibCheck',
            `${dir}copied.mts`,
          ],
          { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
        );
        expect(check.stdout + check.stderr).toBe('');
        expect(check.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      const curl = await codeFor(p, 'curl');
      expect(curl).toContain('$OPENROUTER_API_KEY');
      const out = execFileSync('bash', ['-c', curl], {
        env: { ...process.env, OPENROUTER_API_KEY: 'copied-code-test' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
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
