import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../image/base64';
import { joinBytes } from '../image/join-bytes';
import type { ImageField } from '../routes/route-table';
import { SseImageTap } from './sse-image-tap';
import { SseLineReader } from './sse-line-reader';

const image = Uint8Array.from({ length: 300 }, (_, i) => (i * 73 + 11) & 0xff);
/** 400 characters of canonical base64. */
const payload = encodeBase64(image);
const frames: ImageField[] = [{ path: ['frames', '[]', 'png'], dataUrl: false }];
const head = 'data: {"frames":[{"png":"';

/** A reader whose lines are kept, and a tap on it. */
function tapped(fields?: readonly ImageField[], minLength = 0) {
  const lines: string[] = [];
  const reader = new SseLineReader((text, start, end) => lines.push(text.slice(start, end)));
  return { reader, tap: new SseImageTap(reader, minLength, fields), lines };
}

/** A read of a line that does not end in it: the reader keeps it, then the tap looks. */
function readUnfinished(reader: SseLineReader, tap: SseImageTap, text: string, from = 0): void {
  expect(reader.read(text, from)).toBe(from);
  tap.afterRead(text, from, true);
}

describe('SseImageTap', () => {
  it('takes an image out of a field of its own list, read by read, leaving a ref', () => {
    const { reader, tap } = tapped(frames);
    const first = head + payload.slice(0, 100);
    readUnfinished(reader, tap, first);
    expect(tap.decoding).toBe(true);
    expect(reader.pending).toBe(head);
    // Every character that arrived is either in the line or counted as extra.
    expect(reader.pending.length + tap.extra).toBe(first.length);

    const second = `${payload.slice(100)}"}]}`;
    const resume = tap.continueImage(second, 0);
    expect(resume).toBe(payload.length - 100);
    expect(tap.decoding).toBe(false);
    readUnfinished(reader, tap, second, resume);
    expect(reader.pending.length + tap.extra).toBe(first.length + second.length);

    const images = tap.takeImages()!;
    expect(images).toHaveLength(1);
    expect(images[0]!.mediaType).toBeUndefined();
    expect(joinBytes(images[0]!.parts)).toEqual(image);
    expect(JSON.parse(reader.pending.slice('data: '.length))).toEqual({
      frames: [{ png: images[0]!.ref }],
    });
  });

  it('by default looks only where the route table puts images', () => {
    const { reader, tap } = tapped();
    readUnfinished(reader, tap, head + payload);
    expect(tap.decoding).toBe(false);
    expect(reader.pending).toBe(head + payload);

    const chat = tapped();
    const url = `data: {"choices":[{"delta":{"images":[{"image_url":{"url":"data:image/png;base64,${payload}`;
    readUnfinished(chat.reader, chat.tap, url);
    expect(chat.tap.decoding).toBe(true);
  });

  it('looks at a line only once it is minLength long, counting what it took out', () => {
    const first = head + payload.slice(0, 100);
    const { reader, tap } = tapped(frames, first.length + 50);
    readUnfinished(reader, tap, first);
    expect(tap.active).toBe(false);
    const second = payload.slice(100, 150);
    readUnfinished(reader, tap, second);
    expect(tap.active).toBe(true);
    expect(tap.decoding).toBe(true);
    expect(reader.pending.length + tap.extra).toBe(first.length + second.length);
  });

  it('leaves alone a line that is not the first data line of its event', () => {
    const later = tapped(frames);
    later.reader.read(head, 0);
    later.tap.afterRead(head, 0, false);
    expect(later.tap.active).toBe(true);
    readUnfinished(later.reader, later.tap, payload);
    expect(later.tap.decoding).toBe(false);

    const comment = tapped(frames);
    readUnfinished(comment.reader, comment.tap, `:${head.slice(5)}${payload}`);
    expect(comment.tap.decoding).toBe(false);
  });

  it('gives the text back to the line, byte for byte, at a character base64 does not have', () => {
    const { reader, tap } = tapped(frames);
    const first = head + payload.slice(0, 100);
    readUnfinished(reader, tap, first);
    const second = `${payload.slice(100, 200)}!${payload.slice(200)}"}]}`;
    const resume = tap.continueImage(second, 0);
    expect(resume).toBe(0);
    expect(tap.decoding).toBe(false);
    readUnfinished(reader, tap, second, resume);
    expect(reader.pending).toBe(first + second);
    expect(tap.extra).toBe(0);
    expect(tap.takeImages()).toBeUndefined();
  });

  it('endLine() readies it for the next line', () => {
    const { reader, tap } = tapped(frames);
    readUnfinished(reader, tap, head + payload);
    tap.endLine();
    expect([tap.active, tap.decoding, tap.extra, tap.takeImages()]).toEqual([
      false,
      false,
      0,
      undefined,
    ]);
  });
});
