import { describe, expect, it } from 'vitest';
import { MIN_SECRET_RUN } from '../errors/redact-secret';
import { joinBytes } from '../image/join-bytes';
import { parse } from '../sse/test-utils/parse-sse';
import { MAX_CHECKED_LINE_BYTES, SseLineRelay } from './sse-line-relay';

const KEY = `sk-or-v1-${'9f8e7d6c'.repeat(8)}`;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `text` through a relay, cut into reads at `cuts`: every piece it sends, in order. */
function relay(input: string | Uint8Array, cuts: readonly number[] = []): Uint8Array[] {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const lines = new SseLineRelay(KEY);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...lines.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...lines.end());
  return out;
}

const text = (pieces: readonly Uint8Array[]) => decoder.decode(joinBytes(pieces));

const items = (sse: string) => parse([sse]);

/** Every run of MIN_SECRET_RUN characters of the key, none of which may reach the browser. */
function expectNoPieceOfKey(sent: string) {
  for (let i = 0; i + MIN_SECRET_RUN <= KEY.length; i++) {
    expect(sent).not.toContain(KEY.slice(i, i + MIN_SECRET_RUN));
  }
}

const chunk = (delta: object) =>
  `data: ${JSON.stringify({ id: 'gen-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
const clean = `: OPENROUTER PROCESSING\n\n${chunk({ content: 'a sunset' })}event: x\r\ndata: 1\r\n\r\n${chunk({ content: 'über' })}data: [DONE]\n\n`;

describe('SseLineRelay', () => {
  it('relays a clean stream byte for byte, however it is cut', () => {
    for (let cut = 0; cut <= clean.length; cut++) {
      for (const second of [cut, Math.min(clean.length, cut + 7)]) {
        expect(text(relay(clean, [cut, second]))).toBe(clean);
      }
    }
  });

  it('sends an image line as the pieces that came: not held whole, not copied', () => {
    const base64 = 'iVBORw0KGgo'.repeat(100_000); // 1.1 MB
    const stream = encoder.encode(
      `${chunk({ content: 'here' })}${chunk({ images: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${base64}` } }] })}data: [DONE]\n\n`,
    );
    const reads: Uint8Array[] = [];
    for (let at = 0; at < stream.length; at += 65_536) reads.push(stream.subarray(at, at + 65_536));
    const lines = new SseLineRelay(KEY);
    const sent: Uint8Array[][] = reads.map((read) => lines.push(read));
    sent.push(lines.end());
    expect(text(sent.flat())).toBe(decoder.decode(stream));
    // From the third read on, each read goes out as itself as soon as it comes.
    for (let i = 2; i < reads.length - 1; i++) {
      expect(sent[i]).toHaveLength(1);
      expect(sent[i]![0]).toBe(reads[i]);
    }
    for (const piece of sent.flat()) expect(piece.buffer).toBe(stream.buffer);
    // Held at most while the line's start is checked.
    expect(sent[0]!.reduce((n, p) => n + p.length, 0)).toBeLessThan(1000);
    expect(MAX_CHECKED_LINE_BYTES).toBeLessThan(2 * 65_536);
  });

  describe('an in-band error that echoes the key reaches the browser without it', () => {
    const errorEvents = {
      'the whole key': { code: 401, message: `Invalid key ${KEY}` },
      'a piece of it': { code: 401, message: `key ${KEY.slice(14, 14 + MIN_SECRET_RUN)}… invalid` },
      'pieces around other text': {
        code: 500,
        message: `got ${KEY.slice(0, 20)} and ${KEY.slice(30, 45)}`,
        metadata: { raw: `{"auth":"Bearer ${KEY.slice(9)}"}` },
      },
      'another key, key-shaped': { code: 401, message: 'Invalid key sk-or-v1-0123456789abcdef' },
    };
    for (const [what, error] of Object.entries(errorEvents)) {
      it(`${what}, split across reads anywhere`, () => {
        const event = `data: ${JSON.stringify({ id: 'gen-1', object: 'chat.completion.chunk', error, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}\n\n`;
        const stream = `${chunk({ content: 'a' })}${event}data: [DONE]\n\n`;
        for (let cut = 0; cut <= stream.length; cut += 3) {
          const sent = text(relay(stream, [cut, Math.min(stream.length, cut + 11)]));
          expectNoPieceOfKey(sent);
          expect(sent).not.toContain('0123456789abcdef');
          // Still the same events, the error's JSON intact and marked.
          const events = items(sent).filter((item) => item.type === 'event');
          expect(events).toHaveLength(3);
          const json = JSON.parse((events[1] as { data: string }).data);
          expect(json.error.code).toBe(error.code);
          expect(json.error.message).toContain('[redacted]');
          expect(json.choices[0].finish_reason).toBe('error');
        }
      });
    }

    it("on the Images API's error event and a choice's error", () => {
      const stream = [
        `data: ${JSON.stringify({ type: 'error', error: { message: `bad ${KEY}`, code: 401 } })}\n\n`,
        `data: ${JSON.stringify({ choices: [{ index: 0, error: { message: `bad sk-live-abcdefghijk` } }] })}\n\n`,
      ].join('');
      const sent = text(relay(stream));
      expectNoPieceOfKey(sent);
      expect(sent).not.toContain('abcdefghijk');
      expect(items(sent)).toHaveLength(2);
    });
  });

  it('scrubs a piece of the key from any line, and leaves a clean error as it came', () => {
    const stream = [
      `: debug ${KEY.slice(3, 25)}\n`,
      `${chunk({ content: `echo ${KEY.slice(20, 40)}` })}`,
      `data: not json ${KEY}\n\n`,
      `data: {"error":{"code":429,"message":"Rate limit exceeded"} }\n\n`,
    ].join('');
    const sent = text(relay(stream, [40, 41]));
    expectNoPieceOfKey(sent);
    expect(sent).toContain('data: {"error":{"code":429,"message":"Rate limit exceeded"} }\n\n');
    expect(items(sent).filter((item) => item.type === 'event')).toHaveLength(3);
  });

  it('checks the start of a line too long to hold', () => {
    const long = `data: {"error":{"message":"${KEY}","pad":"${'x'.repeat(200_000)}"}}\n\n`;
    const sent = text(relay(long, [1000, 70_000, 140_000]));
    expectNoPieceOfKey(sent);
    expect(sent.length).toBeGreaterThan(200_000);
  });

  it('drops a leading BOM, however the first reads are cut', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('data: 1\n\n')]);
    for (const cuts of [[], [1], [1, 2], [2], [3]]) {
      expect(text(relay(bom, cuts))).toBe('data: 1\n\n');
    }
    expect(text(relay(new Uint8Array([0xef, 0xbb]), []))).toBe('\ufffd');
  });

  it('is at a line start only after a LF: not inside a line, not between CR and LF', () => {
    const lines = new SseLineRelay(KEY);
    expect(lines.atLineStart).toBe(true);
    lines.push(encoder.encode('data: 1\r'));
    expect(lines.atLineStart).toBe(false);
    lines.push(encoder.encode('\n'));
    expect(lines.atLineStart).toBe(true);
    // A line begun but not ended is held, so the stream sent so far still ends at a line start.
    lines.push(encoder.encode('data: {"partial'));
    expect(lines.atLineStart).toBe(true);
    lines.push(encoder.encode(`${'x'.repeat(MAX_CHECKED_LINE_BYTES)}`));
    expect(lines.atLineStart).toBe(false);
    lines.push(encoder.encode('"}\n'));
    expect(lines.atLineStart).toBe(true);
  });
});
