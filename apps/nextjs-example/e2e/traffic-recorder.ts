import type { Page, Request, Response } from 'playwright-core';

/** One thing the page sent or received, as text: where it was, and everything in it. */
export interface Exchange {
  what: string;
  text: string;
}

/**
 * Everything a page sends and receives, kept as text to search: each request's URL, headers and
 * body, and each response's status line, headers and body (scripts, styles and the HTML too).
 */
export class TrafficRecorder {
  readonly requests: Request[] = [];
  readonly #pending: Promise<Exchange>[] = [];

  constructor(page: Page) {
    page.on('request', (request) => {
      this.requests.push(request);
      this.#pending.push(requestText(request));
    });
    page.on('response', (response) => this.#pending.push(responseText(response)));
  }

  /** What was seen so far, once every body that was still arriving has been read. */
  async exchanges(): Promise<Exchange[]> {
    return Promise.all(this.#pending);
  }
}

async function requestText(request: Request): Promise<Exchange> {
  const headers = await request.allHeaders();
  return {
    what: `request ${request.method()} ${request.url()}`,
    text: [request.url(), JSON.stringify(headers), request.postData() ?? ''].join('\n'),
  };
}

async function responseText(response: Response): Promise<Exchange> {
  const headers = await response.allHeaders();
  // A stream the page stopped has no body to read back; its headers are still checked.
  const body = await response.text().catch(() => '');
  return {
    what: `response ${response.status()} ${response.url()}`,
    text: [response.url(), JSON.stringify(headers), body].join('\n'),
  };
}
