import { eventDataText, imageBytesFor } from '../sse/event-data-text';
import type { SseImageBytes } from '../sse/sse-item';

/**
 * Below this size `JSON.parse` is as fast as anything: small events (text deltas, usage) go
 * straight to it.
 */
const spliceThreshold = 64 * 1024;
/** Image runs shorter than this are not worth taking out. */
const minimumRunLength = 1024;
const runStart = '"data:image/';
/**
 * What a run is replaced with in the JSON text: the escape parses to a NUL, which no real image
 * URL starts with; a stray one in the input is detected by counting (see below).
 */
const placeholderPrefix = '\\u0000lunos:';
const parsedPlaceholderPrefix = '\u0000lunos:';

/**
 * `JSON.parse(data)`, faster when `data` carries multi-megabyte `data:image/...;base64,` strings.
 *
 * `JSON.parse` reads every character of such a string and copies it into a new one: on a 22 MB
 * image chunk that is most of the decode time. Here each image string is found with native
 * `indexOf`, checked to hold no backslash or line break (so its JSON text is its value), and
 * taken out of the text; the small remainder is parsed and the image strings are put back as
 * slices of `data`, which V8 and other engines share rather than copy. Anything unusual (an
 * escaped image string, the placeholder in the input, a parse error) falls back to plain
 * `JSON.parse(data)`, so the result and any error are those of `JSON.parse`.
 *
 * With `images` (an SSE event whose images the parser decoded to bytes): `data` holds a ref
 * string where each image was, and the result keeps those refs, each exactly once, for the
 * caller to resolve (`imageBytesFor`). Should that not hold (it always does for what the parser
 * emits), or the JSON not parse, the data is rebuilt as sent and parsed as above, so the result
 * or error is again exactly that of `JSON.parse` on what the server sent.
 */
export function parseEventJson(data: string, images?: readonly SseImageBytes[]): unknown {
  if (images === undefined || images.length === 0) return parseJsonText(data);
  let value: unknown;
  try {
    value = parseJsonText(data);
  } catch {
    return parseJsonText(eventDataText({ data, images }));
  }
  if (!eachRefOnce(value, images)) return parseJsonText(eventDataText({ data, images }));
  return value;
}

/** Whether every ref of `images` is a string in `root` exactly once. */
function eachRefOnce(root: unknown, images: readonly SseImageBytes[]): boolean {
  const seen = new Set<string>();
  let repeated = false;
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (!imageBytesFor(node, images)) return;
      if (seen.has(node)) repeated = true;
      seen.add(node);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const value of Array.isArray(node) ? node : Object.values(node)) visit(value);
  };
  visit(root);
  return !repeated && seen.size === images.length;
}

function parseJsonText(data: string): unknown {
  if (data.length < spliceThreshold) return JSON.parse(data);
  const runs: string[] = [];
  const pieces: string[] = [];
  let copiedUpTo = 0;
  let searchFrom = 0;
  // Positions of the next backslash and line feed at or after a run; -1 when there are none
  // left, so each is searched for once per run at most (linear overall).
  let nextBackslash = data.indexOf('\\');
  let nextLineFeed = data.indexOf('\n');
  for (;;) {
    const quote = data.indexOf(runStart, searchFrom);
    if (quote === -1) break;
    const start = quote + 1;
    const end = data.indexOf('"', start + runStart.length - 1);
    if (end === -1) break;
    searchFrom = end + 1;
    if (nextBackslash !== -1 && nextBackslash < start) nextBackslash = data.indexOf('\\', start);
    if (nextLineFeed !== -1 && nextLineFeed < start) nextLineFeed = data.indexOf('\n', start);
    if (
      end - start < minimumRunLength ||
      // A backslash inside means escapes: the JSON text is not the value.
      (nextBackslash !== -1 && nextBackslash < end) ||
      // A raw line break (data lines joined) is invalid JSON: leave it to JSON.parse to reject.
      (nextLineFeed !== -1 && nextLineFeed < end) ||
      // An escaped quote before the run: the run sits inside another string.
      data.charCodeAt(quote - 1) === 92
    ) {
      continue;
    }
    pieces.push(data.slice(copiedUpTo, start), placeholderPrefix, String(runs.length));
    runs.push(data.slice(start, end));
    copiedUpTo = end;
  }
  if (runs.length === 0) return JSON.parse(data);
  pieces.push(data.slice(copiedUpTo));
  const skeleton = pieces.join('');
  // The input itself holding the placeholder text would make the restore ambiguous.
  if (skeleton.split(placeholderPrefix).length - 1 !== runs.length) return JSON.parse(data);
  let value: unknown;
  try {
    value = JSON.parse(skeleton);
  } catch {
    return JSON.parse(data);
  }
  const restored = restoreRuns(value, runs);
  if (restored.count !== runs.length) return JSON.parse(data);
  return restored.value;
}

/** Puts every placeholder string back as its run; counts them so a miss can be detected. */
function restoreRuns(root: unknown, runs: readonly string[]): { value: unknown; count: number } {
  let count = 0;
  const runFor = (value: unknown): string | undefined => {
    if (typeof value !== 'string' || !value.startsWith(parsedPlaceholderPrefix)) return undefined;
    const run = runs[Number(value.slice(parsedPlaceholderPrefix.length))];
    if (run !== undefined) count++;
    return run;
  };
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const run = runFor(node[i]);
        if (run === undefined) visit(node[i]);
        else node[i] = run;
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const run = runFor(record[key]);
      if (run === undefined) visit(record[key]);
      // defineProperty: JSON.parse makes "__proto__" an own property, which `=` would not set.
      else
        Object.defineProperty(record, key, {
          value: run,
          writable: true,
          enumerable: true,
          configurable: true,
        });
    }
  };
  const rootRun = runFor(root);
  if (rootRun !== undefined) return { value: rootRun, count };
  visit(root);
  return { value: root, count };
}
