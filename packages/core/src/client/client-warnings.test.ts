import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { fakeFetch, jsonResponse } from '../test-utils/fake-fetch';
import { recordedSunsetResponse } from '../test-utils/recorded-stream';
import { createLunosImageClient } from './create-lunos-image-client';

// An image-only model asked for text too: the request goes out (not strict), with a warning.
const vars = {
  model: 'black-forest-labs/flux.2-pro',
  prompt: 'a lighthouse',
  modalities: ['image', 'text'] as ('image' | 'text')[],
  stream: false,
};
const WARNING =
  'modalities: black-forest-labs/flux.2-pro outputs images only: send ["image"] (the API answers 404 to ["image","text"])';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('request warnings when strict is off', () => {
  it('go to onWarning, once each, before the request is sent', async () => {
    const order: string[] = [];
    const fetch = fakeFetch(() => {
      order.push('sent');
      return jsonResponse(recordedSunsetResponse());
    });
    const client = createLunosImageClient({
      fetch,
      onWarning: (warning) => order.push(warning),
    });
    await client.generateImage(vars);
    expect(order).toEqual([WARNING, 'sent']);
  });

  it('go to console.warn by default, and nowhere for a request without one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createLunosImageClient({
      fetch: fakeFetch(() => jsonResponse(recordedSunsetResponse())),
    });
    await client.generateImage(vars);
    expect(warn.mock.calls).toEqual([[`[lunos-image] ${WARNING}`]]);
    await client.generateImage({ ...vars, modalities: ['image'] });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('refuses an onWarning that is not a function', () => {
    expect(() => createLunosImageClient({ onWarning: 'log' as never })).toThrow(ValidationError);
  });
});
