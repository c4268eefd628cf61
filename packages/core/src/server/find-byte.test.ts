import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

const cases = (find: typeof import('./find-byte')) => {
  const bytes = new Uint8Array(100).fill(65);
  bytes[50] = 10;
  bytes[70] = 10;
  const view = bytes.subarray(40, 90);
  return [
    find.indexOfByte(view, 10),
    find.indexOfByte(view, 10, 11),
    find.indexOfByte(view, 10, 31),
    find.indexOfByte(view, 13),
    find.lastIndexOfByte(view, 10),
    find.lastIndexOfByte(view, 13),
    find.lastIndexOfByte(new Uint8Array(0), 10),
    find.indexOfByte(new Uint8Array(0), 10),
  ];
};

describe('indexOfByte, lastIndexOfByte', () => {
  it('find the same bytes natively (Node, Bun) and with the standard methods', async () => {
    const native = cases(await import('./find-byte'));
    vi.resetModules();
    vi.stubGlobal('Buffer', undefined);
    const standard = cases(await import('./find-byte'));
    expect(native).toEqual([10, 30, -1, -1, 30, -1, -1, -1]);
    expect(standard).toEqual(native);
  });
});
