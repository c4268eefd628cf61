import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamBodyTooLargeError } from '../errors/upstream-body-too-large-error';
import { loadFixtureSet } from './load-fixture-set';
import { MAX_UNEXPECTED_BODY_BYTES, startRecorder } from './start-recorder';

const MiB = 1024 * 1024;
const chatBody = JSON.stringify({
  model: 'openai/gpt-image-1',
  messages: [{ role: 'user', content: 'a fox' }],
});

/** What the fake upstream did with one answer: bytes written, and whether it could finish. */
interface Sent {
  bytes: number;
  finished: boolean;
  closed: Promise<void>;
}

/**
 * An upstream that answers with `status` and `headers`, then writes `chunk` `times` times,
 * waiting for the socket to drain as a real server would (so a reader that stops reading stops
 * it), and records how far it got.
 */
async function upstreamWriting(
  status: number,
  headers: Record<string, string>,
  chunk: Uint8Array,
  times: number,
) {
  const sent: Sent[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    let resolveClosed!: () => void;
    const entry: Sent = {
      bytes: 0,
      finished: false,
      closed: new Promise((resolve) => {
        resolveClosed = resolve;
      }),
    };
    sent.push(entry);
    res.on('close', resolveClosed);
    res.writeHead(status, headers);
    let written = 0;
    const pump = () => {
      while (written < times && !res.destroyed) {
        written++;
        entry.bytes += chunk.byteLength;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) {
        entry.finished = true;
        res.end();
      }
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, sent };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function recordThrough(upstream: Awaited<ReturnType<typeof upstreamWriting>>) {
  const out = await mkdtemp(join(tmpdir(), 'lunos-record-unexpected-'));
  const errors: unknown[] = [];
  const recorder = await startRecorder({
    upstream: upstream.url,
    out,
    onError: (e) => errors.push(e),
  });
  cleanups.push(async () => {
    await recorder.close();
    upstream.server.close();
    await rm(out, { recursive: true, force: true });
  });
  const response = await fetch(`${recorder.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: chatBody,
  });
  const text = await response.text();
  await recorder.idle();
  const written = await readdir(out).catch(() => []);
  return { response, text, errors, written, out };
}

describe('an answer known to be unexpected before its body: at most 1 MiB is read', () => {
  it('a 500 with a 300 MB body: reads 1 MiB, closes the upstream connection, keeps the status', async () => {
    const upstream = await upstreamWriting(
      500,
      { 'content-type': 'application/json' },
      new Uint8Array(64 * 1024).fill(0x20),
      (300 * MiB) / (64 * 1024),
    );
    const { response, text, errors, written } = await recordThrough(upstream);
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 500, message: expect.stringContaining('over 1048576 bytes') },
    });
    await upstream.sent[0]!.closed;
    expect(upstream.sent[0]!.finished).toBe(false);
    // What the sockets buffered on the way, not the 300 MB.
    expect(upstream.sent[0]!.bytes).toBeLessThan(32 * MiB);
    expect(errors).toHaveLength(1);
    expect(UpstreamBodyTooLargeError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ status: 500, maxBytes: MAX_UNEXPECTED_BODY_BYTES });
    expect(written).toEqual([]);
  });

  it('a gzip bomb behind a 500: 1 MiB of what it inflates to, no more', async () => {
    // 300 gzip members of 1 MiB of zeros each: about 300 kB on the wire, 300 MiB inflated.
    const member = gzipSync(new Uint8Array(MiB));
    expect(member.byteLength).toBeLessThan(2048);
    const upstream = await upstreamWriting(
      500,
      { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
      member,
      300,
    );
    const { response, errors, written } = await recordThrough(upstream);
    expect(response.status).toBe(500);
    // The wire was well under 1 MiB: only the inflated count can have tripped the limit.
    expect(upstream.sent[0]!.bytes).toBeLessThan(MiB);
    expect(UpstreamBodyTooLargeError.isInstance(errors[0])).toBe(true);
    expect(written).toEqual([]);
  });

  it('a 200 text/html page of 300 MB: 502 naming the content type, the upstream closed', async () => {
    const upstream = await upstreamWriting(
      200,
      { 'content-type': 'text/html; charset=utf-8' },
      new TextEncoder().encode('<p>'.padEnd(64 * 1024, 'x')),
      (300 * MiB) / (64 * 1024),
    );
    const { response, text, errors, written } = await recordThrough(upstream);
    expect(response.status).toBe(502);
    expect(JSON.parse(text).error.message).toContain('200 (text/html; charset=utf-8)');
    await upstream.sent[0]!.closed;
    expect(upstream.sent[0]!.finished).toBe(false);
    expect(upstream.sent[0]!.bytes).toBeLessThan(32 * MiB);
    expect(UpstreamBodyTooLargeError.isInstance(errors[0])).toBe(true);
    expect(written).toEqual([]);
  });

  it('a small error body is relayed as it came and recorded', async () => {
    const body = JSON.stringify({ error: { code: 503, message: 'Provider unavailable' } });
    const upstream = await upstreamWriting(
      503,
      { 'content-type': 'application/json', 'retry-after': '3' },
      new TextEncoder().encode(body),
      1,
    );
    const { response, text, errors, out } = await recordThrough(upstream);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(text).toBe(body);
    expect(errors).toEqual([]);
    const fixture = (await loadFixtureSet(out)).get('recorded/a-fox');
    expect(fixture.response).toMatchObject({
      status: 503,
      headers: { 'retry-after': '3' },
      body: { kind: 'json', json: JSON.parse(body) },
    });
  });
});
