import { JSDOM } from 'jsdom';

/**
 * Gives this process a jsdom document, as a browser page has, for React DOM to render into.
 * Only the DOM globals: `fetch`, `URL` (with `createObjectURL`), `Blob` and the timers stay
 * Node's, so both competitors stream through the same runtime. Call it before React DOM loads.
 */
export function installDom(): void {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  });
  const globals = globalThis as Record<string, unknown>;
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.HTMLElement = dom.window.HTMLElement;
  globals.Node = dom.window.Node;
  // Node 20 has no navigator global (21 does); React DOM reads it.
  if (!('navigator' in globalThis)) globals.navigator = dom.window.navigator;
}
