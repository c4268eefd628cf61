import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  EdgeTimeoutError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PaymentRequiredError,
  PermissionDeniedError,
  ProviderOverloadedError,
  RateLimitError,
  RequestTimeoutError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '../errors/api-error';
import { LunosImageError } from '../errors/lunos-image-error';
import { ReportedError } from '../errors/reported-error';
import { ValidationError } from '../errors/validation-error';
import { fakeFetch, jsonResponse, sseData, sseResponse } from '../test-utils/fake-fetch';
import { errorExamples } from '../test-utils/wire-examples';
import { createLunosImageClient } from './create-lunos-image-client';

const vars = { model: 'google/gemini-2.5-flash-image', prompt: 'a sunset' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

function clientAnswering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetch = fakeFetch(() => jsonResponse(body, status, headers));
  return { fetch, client: createLunosImageClient({ fetch, maxRetries: 0 }) };
}

describe('each status becomes its own error class, with the real bodies', () => {
  const cases = [
    [400, BadRequestError, errorExamples.typed],
    [401, AuthenticationError, errorExamples.unauthorized],
    [402, PaymentRequiredError, errorExamples.noCredits],
    [403, PermissionDeniedError, { error: { code: 403, message: 'Flagged by moderation' } }],
    [404, NotFoundError, errorExamples.retiredModel],
    [408, RequestTimeoutError, { error: { code: 408, message: 'Request timeout' } }],
    [413, PayloadTooLargeError, { error: { code: 413, message: 'Payload too large' } }],
    [422, UnprocessableEntityError, { error: { code: 422, message: 'Unprocessable' } }],
    [429, RateLimitError, errorExamples.rateLimited],
    [500, InternalServerError, { error: { code: 500, message: 'Internal error' } }],
    [502, BadGatewayError, errorExamples.badGatewayNested],
    [503, ServiceUnavailableError, { error: { code: 503, message: 'No provider available' } }],
    [524, EdgeTimeoutError, { error: { code: 524, message: 'Edge timeout' } }],
    [529, ProviderOverloadedError, { error: { code: 529, message: 'Overloaded' } }],
    [418, APIError, errorExamples.lunos],
  ] as const;

  it.each(cases)('%i', async (status, Class, body) => {
    const { client } = clientAnswering(status, body, { 'x-generation-id': 'gen-42' });
    const error = (await failure(client.generateImage(vars))) as APIError;
    expect(Class.isInstance(error)).toBe(true);
    expect(ReportedError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(Class);
    expect(error.status).toBe(status);
    expect(error.generationId).toBe('gen-42');
    expect(error.message.startsWith(`${status} `)).toBe(true);
  });

  it('carries code, provider, the unwrapped provider message and retryAfterMs', async () => {
    const { client } = clientAnswering(429, errorExamples.rateLimited);
    const error = (await failure(client.generateImage(vars))) as RateLimitError;
    expect(error.code).toBe(429);
    expect(error.providerName).toBe('Venice');
    expect(error.providerMessage).toBe(
      'google/gemini-2.5-flash-image is temporarily rate-limited upstream. Please retry shortly.',
    );
    expect(error.retryAfterMs).toBe(16_000);
    expect(error.message).toBe(
      '429 Provider returned error (Venice): google/gemini-2.5-flash-image is temporarily rate-limited upstream. Please retry shortly.',
    );
  });

  it('unwraps JSON nested in strings in metadata.raw', async () => {
    const { client } = clientAnswering(502, errorExamples.badGatewayNested);
    const error = (await failure(client.generateImage(vars))) as BadGatewayError;
    expect(error.providerMessage).toBe('The model is overloaded.');
    expect(error).toBeInstanceOf(InternalServerError);
  });

  it('reads a string code (Lunos) and an error given as a plain string', async () => {
    const lunos = (await failure(
      clientAnswering(400, errorExamples.lunos).client.generateImage(vars),
    )) as APIError;
    expect(lunos.code).toBe('invalid_request_error');
    expect(lunos.message).toBe("400 The model 'nonexistent-model' does not exist");
    const plain = (await failure(
      clientAnswering(500, { error: 'boom' }).client.generateImage(vars),
    )) as APIError;
    expect(plain.message).toBe('500 boom');
    const html = (await failure(
      clientAnswering(502, '<html>Bad gateway</html>').client.generateImage(vars),
    )) as APIError;
    expect(html.message).toBe('502 <html>Bad gateway</html>');
  });

  it('the 404 for wrong modalities says which modalities the model supports', async () => {
    const fetch = fakeFetch(() => jsonResponse(errorExamples.wrongModalities, 404));
    const client = createLunosImageClient({ fetch, maxRetries: 0 });
    const error = (await failure(
      client.generateImage({
        model: 'black-forest-labs/flux.2-pro',
        prompt: 'x',
        modalities: ['image', 'text'],
      }),
    )) as NotFoundError;
    expect(error.message).toBe(
      '404 No endpoints found that support the requested output modalities: image, text (black-forest-labs/flux.2-pro supports output modalities image: send modalities ["image"])',
    );
  });
});

describe('the API key', () => {
  // A fake key, assembled here so no key-shaped text sits in the source for scanners to flag.
  const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(2)}`;

  it('is sent only as the Authorization header, only to the base URL', async () => {
    const fetch = fakeFetch(() => jsonResponse({ data: [] }));
    const client = createLunosImageClient({
      apiKey: KEY,
      fetch,
      baseURL: 'https://proxy.example/v1',
    });
    await client.listModels();
    await failure(client.generateImage(vars));
    for (const call of fetch.calls) {
      expect(call.url.startsWith('https://proxy.example/v1/')).toBe(true);
      expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
      const elsewhere = JSON.stringify({
        ...call,
        signal: undefined,
        headers: { ...call.headers, authorization: '' },
      });
      expect(elsewhere).not.toContain(KEY);
    }
  });

  it('appears in no error message, toJSON, String() or util.inspect, even when the server echoes it', async () => {
    const echo = {
      error: {
        code: 401,
        message: `Invalid key ${KEY}`,
        metadata: { raw: `{"detail":"${KEY} revoked"}` },
      },
    };
    const errors: unknown[] = [];
    for (const status of [400, 401, 429, 502]) {
      const fetch = fakeFetch(() => jsonResponse(echo, status, { 'retry-after': '0' }));
      const client = createLunosImageClient({ apiKey: KEY, fetch, maxRetries: 0 });
      errors.push(await failure(client.generateImage(vars)));
      errors.push(await failure(client.listModels()));
    }
    const inBand = fakeFetch(() =>
      sseResponse(sseData({ error: { code: 500, message: `upstream saw ${KEY}` }, choices: [] })),
    );
    errors.push(
      await failure(createLunosImageClient({ apiKey: KEY, fetch: inBand }).generateImage(vars)),
    );
    errors.push(
      await failure(
        createLunosImageClient({ apiKey: KEY }).generateImage({ model: '', prompt: KEY }),
      ),
    );
    const networkDown = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    errors.push(
      await failure(
        createLunosImageClient({ apiKey: KEY, fetch: networkDown, maxRetries: 0 }).generateImage(
          vars,
        ),
      ),
    );

    expect(errors).toHaveLength(11);
    for (const error of errors) {
      expect(LunosImageError.isInstance(error)).toBe(true);
      const e = error as LunosImageError;
      for (const text of [
        e.message,
        JSON.stringify(e),
        String(e),
        inspect(e, { depth: 10 }),
        e.stack ?? '',
      ]) {
        expect(text).not.toContain(KEY);
      }
    }
    expect(String(errors[0])).toContain('[redacted]');
  });

  it('is not visible on the client object', () => {
    const client = createLunosImageClient({ apiKey: KEY });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });

  it('refuses to start in a browser unless dangerouslyAllowBrowser is set', () => {
    const g = globalThis as { window?: unknown };
    g.window = { document: {} };
    try {
      expect(() => createLunosImageClient({ apiKey: KEY })).toThrow(
        /refusing to use an API key in a browser/,
      );
      expect(() =>
        createLunosImageClient({ apiKey: KEY, dangerouslyAllowBrowser: true }),
      ).not.toThrow();
      expect(() => createLunosImageClient({ baseURL: '/api/lunos' })).not.toThrow();
    } finally {
      delete g.window;
    }
  });

  it('must be a non-empty string when given', () => {
    expect(() => createLunosImageClient({ apiKey: ' ' })).toThrow(
      'Invalid client options: apiKey must be a non-empty string (or left out when a proxy adds the key)',
    );
  });
});

describe('validation happens before anything is sent', () => {
  it('rejects with ValidationError and never calls fetch', async () => {
    const fetch = fakeFetch(() => jsonResponse({}));
    const client = createLunosImageClient({ fetch });
    const error = await failure(client.generateImage({ ...vars, aspectRatio: '7:5' as '1:1' }));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(fetch.calls).toHaveLength(0);
  });

  it('rejects bad client options by name', () => {
    const cases: [() => unknown, string][] = [
      [
        () => createLunosImageClient({ maxRetries: -1 }),
        'Invalid client options: maxRetries must be a whole number >= 0 (got -1)',
      ],
      [
        // A negative value is refused; Infinity is the only "no limit".
        () => createLunosImageClient({ timeout: { idleMs: -5 } }),
        'Invalid timeout: timeout.idleMs must be between 1 and 2147483647 ms (2^31-1, the longest a timer can wait), or Infinity for no limit (got -5)',
      ],
      [
        // 0 is refused too (issue 25): it reads as "no time at all" as much as "no limit".
        () => createLunosImageClient({ timeout: 0 }),
        'Invalid timeout: timeout must be between 1 and 2147483647 ms (2^31-1, the longest a timer can wait), or Infinity for no limit (got 0: for no limit pass Infinity)',
      ],
      [
        () => createLunosImageClient({ dialect: 'openai' as 'lunos' }),
        'Invalid dialect: dialect must be one of lunos, openrouter (got "openai")',
      ],
    ];
    for (const [create, message] of cases) {
      let thrown: unknown;
      try {
        create();
      } catch (e) {
        thrown = e;
      }
      expect(ValidationError.isInstance(thrown)).toBe(true);
      expect((thrown as Error).message).toBe(message);
    }
  });
});
