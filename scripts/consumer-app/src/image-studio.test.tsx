import { resolveObjectURL } from 'node:buffer';
import { createLunosMock } from '@lunos-image/msw';
import { LunosImageProvider } from '@lunos-image/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ImageStudio, SUNSET_PROMPT } from './image-studio';
import { strictNetwork } from './strict-network';

// No fixtures option: the set the package ships, read from node_modules with no setup (the msw
// README's first example). 'error': a request no fixture matches is a 501, not a drawn picture,
// so the test proves the shipped answer was replayed.
const mock = createLunosMock({ onUnmatched: 'error' });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen(strictNetwork));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

function renderStudio() {
  render(
    // The client's default Lunos base URL; no key: the mock does not ask for one.
    <LunosImageProvider options={{ maxRetries: 0 }}>
      <ImageStudio />
    </LunosImageProvider>,
  );
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The bytes behind an <img src>: an object URL the hook made (Node's URL.createObjectURL, which
 * vitest's jsdom environment keeps), read back through node:buffer. Not fetched: msw would take
 * the fetch for an unhandled request.
 */
async function imageBytes(src: string): Promise<Uint8Array> {
  expect(src).toMatch(/^blob:/);
  const blob = resolveObjectURL(src);
  if (!blob) throw new Error(`${src} was revoked`);
  return new Uint8Array(await blob.arrayBuffer());
}

it('lists the models, generates, and shows the replayed PNG', async () => {
  renderStudio();
  const option = await screen.findByRole('option', { name: /Gemini 2\.5 Flash Image/ });
  expect((screen.getByLabelText('Model') as HTMLSelectElement).value).toBe(
    option.getAttribute('value'),
  );

  fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
  await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('success'));

  const img = screen.getByRole('img', { name: 'Generated 1' }) as HTMLImageElement;
  const bytes = await imageBytes(img.src);
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const header = new DataView(bytes.buffer, bytes.byteOffset);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
  expect(img.width).toBe(header.getUint32(16));
  expect(img.height).toBe(header.getUint32(20));
  expect(img.width).toBeGreaterThan(0);

  const chat = mock.calls.filter((call) => call.route === 'chat');
  expect(chat).toHaveLength(1);
  expect(chat[0]?.answer).toMatchObject({ kind: 'fixture', fixtureId: 'chat/sunset-stream' });
  expect(chat[0]?.body).toMatchObject({
    model: option.getAttribute('value'),
    messages: [{ role: 'user', content: SUNSET_PROMPT }],
    stream: true,
  });
});

it('shows the typed error of a recorded 402', async () => {
  mock.next({ fixture: 'errors/402-insufficient-credits' });
  renderStudio();
  await screen.findByRole('option', { name: /Gemini 2\.5 Flash Image/ });
  fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
  await waitFor(() => expect(screen.getByLabelText('Status').textContent).toBe('error'));
  expect(screen.getByRole('alert').textContent).toMatch(/credit/i);
  expect(screen.queryByRole('img')).toBeNull();
});
