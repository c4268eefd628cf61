import { describe, expect, it } from 'vitest';
import { SseLineReader } from './sse-line-reader';

/** A reader that collects its lines, fed `reads` as the parser feeds it (empty reads skipped). */
function linesOf(reads: readonly string[], reader?: SseLineReader) {
  const lines: string[] = [];
  const target =
    reader ?? new SseLineReader((text, start, end) => lines.push(text.slice(start, end)));
  for (const read of reads) {
    if (read.length > 0) target.read(read, target.start(read));
  }
  return { lines, pending: target.pending };
}

const mixed = '\uFEFFdata: a\r\ndata: b\rdata: \uFEFFc\n\r\n: comment\r\rid\nevent: x\r\ntail';
const mixedLines = ['data: a', 'data: b', 'data: \uFEFFc', '', ': comment', '', 'id', 'event: x'];

describe('SseLineReader', () => {
  it('ends a line at LF, CR and CRLF, and keeps the unfinished rest', () => {
    expect(linesOf(['a\nb\rc\r\nd\n\re\r\rf'])).toEqual({
      lines: ['a', 'b', 'c', 'd', '', 'e', ''],
      pending: 'f',
    });
    expect(linesOf([mixed])).toEqual({ lines: mixedLines, pending: 'tail' });
  });

  it('takes a CRLF cut between two reads as one line end', () => {
    expect(linesOf(['a\r', '\nb\n']).lines).toEqual(['a', 'b']);
    expect(linesOf(['a\r', '\r\n']).lines).toEqual(['a', '']);
    expect(linesOf(['a\r', 'b\n']).lines).toEqual(['a', 'b']);
    // Only the read right after the CR: a LF a read later is a line end of its own.
    expect(linesOf(['a\r', 'b', '\n']).lines).toEqual(['a', 'b']);
    expect(linesOf(['a\r', '\n', '\n']).lines).toEqual(['a', '']);
  });

  it('gives the same lines for a cut at every position, and one character per read', () => {
    for (let at = 0; at <= mixed.length; at++) {
      for (let second = at; second <= mixed.length; second += 5) {
        const reads = [mixed.slice(0, at), mixed.slice(at, second), mixed.slice(second)];
        expect(linesOf(reads), `cut at ${at} and ${second}`).toEqual({
          lines: mixedLines,
          pending: 'tail',
        });
      }
    }
    expect(linesOf([...mixed])).toEqual({ lines: mixedLines, pending: 'tail' });
  });

  it('drops one byte-order mark at the very start of the stream, and no other', () => {
    expect(linesOf(['\uFEFFa\n']).lines).toEqual(['a']);
    expect(linesOf(['\uFEFF', 'a\n']).lines).toEqual(['a']);
    expect(linesOf(['\uFEFF\uFEFFa\n']).lines).toEqual(['\uFEFFa']);
    expect(linesOf(['a', '\uFEFFb\n']).lines).toEqual(['a\uFEFFb']);
    expect(linesOf(['a\n\uFEFFb\n']).lines).toEqual(['a', '\uFEFFb']);
  });

  it('hands each line as a range of the read it ended in, joined to what came before', () => {
    const calls: [string, number, number][] = [];
    const reader = new SseLineReader((text, start, end) => calls.push([text, start, end]));
    const read = 'x\ndata: 1\ndata: 2';
    expect(reader.read(read, 2)).toBe(read.length - 'data: 2'.length);
    expect(calls).toEqual([[read, 2, 9]]);
    expect(reader.pending).toBe('data: 2');
    expect(reader.read('3\n', 0)).toBe(2);
    expect(calls[1]).toEqual(['data: 23', 0, 8]);
    expect(reader.pending).toBe('');
  });

  it('joins a line that spans many reads, whatever their size', () => {
    const line = `data: ${'A'.repeat(5000)}`;
    for (const size of [1, 3, 64, 4096]) {
      const reads: string[] = [];
      const stream = `${line}\n\n`;
      for (let at = 0; at < stream.length; at += size) reads.push(stream.slice(at, at + size));
      expect(linesOf(reads)).toEqual({ lines: [line, ''], pending: '' });
    }
  });

  it('reset() forgets the unfinished line, a pending CR and where the stream started', () => {
    const lines: string[] = [];
    const reader = new SseLineReader((text, start, end) => lines.push(text.slice(start, end)));
    linesOf(['\uFEFFa\r', 'b'], reader);
    reader.reset();
    expect(reader.pending).toBe('');
    linesOf(['\uFEFF\nc\n'], reader);
    expect(lines).toEqual(['a', '', 'c']);
  });
});
