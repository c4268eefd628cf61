import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export interface Viewport {
  name: string;
  width: number;
  height: number;
}

export interface OpenOptions {
  viewport: Viewport;
  /** Query string without `?`, e.g. `mockTiming=speed=8`. */
  query?: string;
  colorScheme?: 'light' | 'dark';
  /** Runs in the page before its own scripts (e.g. to take IndexedDB away). */
  initScript?: string;
  /** Clipboard access for the page's origin (copy image). */
  clipboard?: boolean;
}

/**
 * The playground as a person uses it, through what the screen shows (roles, labels, and a few
 * test ids on the output). Collects the page's console errors and uncaught exceptions.
 */
export class PlaygroundPage {
  readonly consoleErrors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`));
  }

  static async open(browser: Browser, appUrl: string, options: OpenOptions) {
    const context = await browser.newContext({
      viewport: { width: options.viewport.width, height: options.viewport.height },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
    if (options.initScript) await context.addInitScript({ content: options.initScript });
    if (options.clipboard) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl });
    }
    const page = await context.newPage();
    const playground = new PlaygroundPage(context, page);
    await page.goto(`${appUrl}/?${options.query ?? 'mockTiming=speed=8'}`);
    return playground;
  }

  /** Opens the playground, runs `body`, and closes the page whatever happens. */
  static async with(
    browser: Browser,
    appUrl: string,
    options: OpenOptions,
    body: (page: PlaygroundPage) => Promise<void>,
  ) {
    const page = await PlaygroundPage.open(browser, appUrl, options);
    try {
      await body(page);
    } finally {
      await page.close();
    }
  }

  async close() {
    await this.context.close();
  }

  get status(): Locator {
    return this.page.getByTestId('status');
  }

  get modelButton(): Locator {
    return this.page.locator('.model-button');
  }

  get prompt(): Locator {
    return this.page.getByLabel('Prompt', { exact: true });
  }

  get images(): Locator {
    return this.page.getByTestId('generated-image');
  }

  get error(): Locator {
    return this.page.getByTestId('error');
  }

  /** The gallery's runs, newest first. */
  get galleryItems(): Locator {
    return this.page.getByTestId('history-item');
  }

  /** The gallery's `N runs · size of limit`, once it has read IndexedDB. */
  async gallerySize(): Promise<{ text: string; bytes: number }> {
    await this.page
      .locator('[data-testid="gallery"][data-storage]:not([data-storage="loading"])')
      .waitFor();
    const size = this.page.getByTestId('gallery-size');
    return {
      text: (await size.textContent()) ?? '',
      bytes: Number(await size.getAttribute('data-bytes')),
    };
  }

  /** Switches the form to comparing models and waits for the columns. */
  async compareModels() {
    await this.page
      .getByRole('radiogroup', { name: 'Generate with' })
      .getByLabel('Compare models')
      .check();
    await this.page.getByTestId('compare').waitFor();
  }

  /** The compare columns, in order. */
  get columns(): Locator {
    return this.page.getByTestId('compare-column');
  }

  /** Waits until column `i`'s run is in one of `statuses`. */
  async waitForColumn(i: number, ...statuses: string[]) {
    const pattern = statuses.map((s) => `[data-status="${s}"]`).join(', ');
    await this.columns.nth(i).locator(`[data-testid="status"]:is(${pattern})`).waitFor();
  }

  /** Waits until the model list has loaded (the picker shows a model). */
  async waitForModels() {
    await this.page.locator('.model-button .model-id').waitFor();
  }

  /** Each row of the model list: id, image-only and Images API badges, price. */
  async modelOptions(): Promise<
    { id: string; imageOnly: boolean; imagesApi: boolean; price: string | null }[]
  > {
    await this.modelButton.click();
    const options = this.page.getByRole('listbox').getByRole('option');
    await options.first().waitFor();
    const rows = await options.evaluateAll((items) =>
      items.map((item) => ({
        id: item.querySelector('.model-id')?.textContent ?? '',
        imageOnly: item.querySelector('.badge') !== null,
        imagesApi: item.querySelector('[data-testid="images-api-badge"]') !== null,
        price: item.querySelector('.price')?.textContent ?? null,
      })),
    );
    await this.page.keyboard.press('Escape');
    return rows;
  }

  async chooseModel(id: string) {
    await this.modelButton.click();
    await this.page
      .getByRole('listbox')
      .getByRole('option')
      .filter({ hasText: id })
      .first()
      .click();
    await this.page.locator('.model-button .model-id', { hasText: id }).waitFor();
  }

  async chooseRatio(ratio: string) {
    await this.page
      .getByRole('radiogroup', { name: 'Aspect ratio' })
      .getByLabel(ratio, { exact: true })
      .check();
  }

  async chooseSize(size: string) {
    await this.page
      .getByRole('radiogroup', { name: 'Image size' })
      .getByLabel(size, { exact: true })
      .check();
  }

  async setPrompt(text: string) {
    await this.prompt.fill(text);
  }

  /** Presses Enter in the prompt, as a person generating from the keyboard would. */
  async generateWithEnter() {
    await this.prompt.press('Enter');
  }

  async clickGenerate() {
    await this.page.getByRole('button', { name: /^Generate/ }).click();
  }

  /** What the form says now: model, prompt, the checked ratio and size, stream. */
  async formState() {
    const checked = (group: string) =>
      this.page.getByRole('radiogroup', { name: group }).locator('input:checked').inputValue();
    return {
      model: await this.page.locator('.model-button .model-id').textContent(),
      prompt: await this.prompt.inputValue(),
      ratio: await checked('Aspect ratio'),
      size: await checked('Image size'),
      stream: await this.page.getByLabel('Stream', { exact: true }).isChecked(),
    };
  }

  /** Sets what is given, generates with Enter, and waits until the run ends as `until`. */
  async generate(
    settings: { model?: string; ratio?: string; prompt: string; scenario?: string },
    until = 'success',
  ) {
    if (settings.model) await this.chooseModel(settings.model);
    if (settings.ratio) await this.chooseRatio(settings.ratio);
    if (settings.scenario) await this.chooseScenario(settings.scenario);
    await this.setPrompt(settings.prompt);
    await this.generateWithEnter();
    await this.waitForStatus(until);
  }

  async chooseScenario(id: string) {
    await this.page.getByTestId('scenario').selectOption(id);
  }

  async waitForStatus(...statuses: string[]) {
    const pattern = statuses.map((s) => `[data-status="${s}"]`).join(', ');
    await this.page.locator(`[data-testid="status"]:is(${pattern})`).waitFor();
    return this.status.getAttribute('data-status');
  }

  async timelinePhases(): Promise<string[]> {
    return this.page
      .getByTestId('timeline')
      .locator('li')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.phase ?? ''));
  }

  /** Natural sizes of the images on screen, once each has loaded. */
  async imageSizes(): Promise<{ width: number; height: number }[]> {
    await this.images.first().waitFor();
    return this.images.evaluateAll(async (imgs) => {
      const list = imgs as HTMLImageElement[];
      await Promise.all(list.map((img) => img.decode()));
      return list.map((img) => ({ width: img.naturalWidth, height: img.naturalHeight }));
    });
  }

  /** The request log of the mock panel, newest call first: each call's parts. */
  async loggedCalls(): Promise<{ head: string; settings: string; parts: string[] }[]> {
    const details = this.page.locator('details.calls');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await details.locator('summary').click();
    }
    return this.page.getByTestId('call').evaluateAll((calls) =>
      calls.map((call) => ({
        head: call.querySelector('.call-head')?.textContent ?? '',
        settings: call.querySelector('.call-settings')?.textContent ?? '',
        parts: [...call.querySelectorAll('[data-testid="call-part"]')].map(
          (p) => p.textContent ?? '',
        ),
      })),
    );
  }

  /** Horizontal overflow of the page in CSS pixels (0 when nothing sticks out). */
  async horizontalOverflow(): Promise<number> {
    return this.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  }
}
