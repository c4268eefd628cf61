import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { joinBytes } from '../image/join-bytes';
import { parse } from '../sse/test-utils/parse-sse';
import { controlledBody } from '../test-utils/fake-fetch';
import { relaySse } from './relay-sse';

const KEY = `sk-or-v1-${'0a1b2c3d'.repeat(8)}`;
const BEAT = 5000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A relay over an upstream the test writes to, and everything the browser has read so far. */
function start(heartbeatMs = BEAT) {
  const upstream = controlledBody();
  const cancelled: unknown[] = [];
  let ended = 0;
  const relayed = relaySse(upstream.stream, {
    apiKey: KEY,
    heartbeatMs,
    onCancel: (reason) => cancelled.push(reason),
    onEnd: () => {
      ended += 1;
    },
  });
  const reader = relayed.getReader();
  const read: Uint8Array[] = [];
  let done = false;
  // The browser reads without pause, as a runtime writing to a socket does.
  const reading = (async () => {
    for (;;) {
      const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (next.done) break;
      read.push(next.value);
    }
    done = true;
  })();
  return {
    upstream,
    reader,
    cancelled,
    ended: () => ended,
    done: () => done,
    reading,
    text: () => new TextDecoder().decode(joinBytes(read)),
  };
}

const items = (sse: string) => parse([sse]);

const beats = (text: string) => text.split(': keep-alive\n').length - 1;

describe('relaySse heartbeats', () => {
  it('writes a comment every heartbeatMs of upstream silence, and none while it talks', async () => {
    const relay = start();
    await vi.advanceTimersByTimeAsync(BEAT - 1);
    expect(relay.text()).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    expect(relay.text()).toBe(': keep-alive\n');
    await vi.advanceTimersByTimeAsync(2 * BEAT);
    expect(beats(relay.text())).toBe(3);
    // Data every 4 s: the upstream is not silent for 5 s, so no heartbeat goes out.
    for (let i = 0; i < 5; i++) {
      relay.upstream.push(`data: ${i}\n\n`);
      await vi.advanceTimersByTimeAsync(BEAT - 1000);
    }
    expect(beats(relay.text())).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(beats(relay.text())).toBe(4);
    relay.upstream.push('data: [DONE]\n\n');
    relay.upstream.close();
    await relay.reading;
    expect(relay.ended()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    const parsed = items(relay.text());
    expect(parsed.filter((item) => item.type === 'comment')).toHaveLength(4);
    expect(
      parsed.filter((item) => item.type === 'event').map((e) => 'data' in e && e.data),
    ).toEqual(['0', '1', '2', '3', '4', '[DONE]']);
  });

  it('goes before a line that has not ended, never inside it', async () => {
    const relay = start();
    relay.upstream.push('data: {"a":');
    await vi.advanceTimersByTimeAsync(BEAT);
    expect(relay.text()).toBe(': keep-alive\n');
    relay.upstream.push('1}\n\n');
    await vi.advanceTimersByTimeAsync(0);
    relay.upstream.close();
    await relay.reading;
    expect(relay.text()).toBe(': keep-alive\ndata: {"a":1}\n\n');
  });

  it('never between a CR and the LF that may follow it', async () => {
    const relay = start();
    relay.upstream.push('data: 1\r');
    await vi.advanceTimersByTimeAsync(3 * BEAT);
    expect(relay.text()).toBe('data: 1\r');
    relay.upstream.push('\ndata: 2\r\n\r\n');
    await vi.advanceTimersByTimeAsync(BEAT);
    relay.upstream.close();
    await relay.reading;
    expect(relay.text()).toBe('data: 1\r\ndata: 2\r\n\r\n: keep-alive\n');
    // One event, as the upstream sent it: a comment after the CR would have dispatched "1" alone.
    const events = items(relay.text()).filter((item) => item.type === 'event');
    expect(events).toMatchObject([{ type: 'event', data: '1\n2' }]);
  });

  it('not inside a long (image) line relayed as it comes', async () => {
    const relay = start();
    relay.upstream.push(`data: {"b64_json":"${'A'.repeat(70_000)}`);
    await vi.advanceTimersByTimeAsync(2 * BEAT);
    expect(beats(relay.text())).toBe(0);
    relay.upstream.push('"}\n\n');
    await vi.advanceTimersByTimeAsync(BEAT);
    expect(beats(relay.text())).toBe(1);
    relay.upstream.close();
    await relay.reading;
    expect(items(relay.text()).filter((item) => item.type === 'event')).toHaveLength(1);
  });

  it('heartbeatMs 0 writes none', async () => {
    const relay = start(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(vi.getTimerCount()).toBe(0);
    relay.upstream.push('data: 1\n\n');
    relay.upstream.close();
    await relay.reading;
    expect(relay.text()).toBe('data: 1\n\n');
  });

  it('a browser that leaves cancels the upstream, and the heartbeats stop', async () => {
    const relay = start();
    await vi.advanceTimersByTimeAsync(BEAT);
    await relay.reader.cancel(new Error('gone'));
    await expect(relay.upstream.cancelled).resolves.toEqual(new Error('gone'));
    expect(relay.cancelled).toEqual([new Error('gone')]);
    expect(relay.ended()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
