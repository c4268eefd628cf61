import { redactSecret, redactText, secretRuns } from '../errors/redact-secret';
import { scrubKeys, scrubKeysInText } from './scrub-keys';

/** A data line's JSON with an error in it: top-level (chat, Images API) or on a choice. */
function isErrorEvent(json: unknown): json is object {
  if (typeof json !== 'object' || json === null) return false;
  if ('error' in json) return true;
  const choices = (json as { choices?: unknown }).choices;
  return Array.isArray(choices) && choices.some((c) => typeof c === 'object' && c && 'error' in c);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One line (no terminator) as it may reach the browser. */
function scrubLine(line: string, apiKey: string): string {
  const mentionsError = line.includes('"error"');
  const carriesKey = secretRuns(line, apiKey).length > 0;
  if (!mentionsError && !carriesKey) return line;
  const data = /^data: ?/.exec(line);
  const json = data ? parseJson(line.slice(data[0].length)) : undefined;
  if (data && json !== undefined) {
    const isError = isErrorEvent(json);
    if (!isError && !carriesKey) return line;
    // Written anew from the scrubbed value, so a replacement cannot break the JSON; a clean error
    // event goes as it came.
    const scrubbed = isError ? scrubKeys(json, apiKey) : redactSecret(json, apiKey);
    const text = JSON.stringify(scrubbed);
    if (!carriesKey && text === JSON.stringify(json)) return line;
    // A piece in a number (never seen; a key is not digits) goes with the text scrub.
    return redactText(`${data[0]}${text}`, [apiKey]);
  }
  return mentionsError ? scrubKeysInText(line, apiKey) : redactText(line, [apiKey]);
}

/**
 * Complete SSE lines (`text`, terminators included) as they may reach the browser, or undefined
 * when they can go as they are: an in-band error event (a data line whose JSON has an `error`,
 * at the top or on a choice) is scrubbed of anything key-shaped and of every piece of the key;
 * any other line that carries a piece of the key has those pieces replaced. Clean text, the
 * common case, costs one search for `"error"` and one for the key's pieces (`secretRuns`).
 */
export function scrubSseLines(text: string, apiKey: string): string | undefined {
  if (!text.includes('"error"') && secretRuns(text, apiKey).length === 0) return undefined;
  const lines = text.split(/(\r\n|\r|\n)/);
  let changed = false;
  for (let i = 0; i < lines.length; i += 2) {
    const scrubbed = scrubLine(lines[i] as string, apiKey);
    if (scrubbed !== lines[i]) {
      lines[i] = scrubbed;
      changed = true;
    }
  }
  return changed ? lines.join('') : undefined;
}

/**
 * An SSE event's data (its `data:` lines' values joined with LF) as `scrubSseLines` would leave
 * those lines: what a job stores of an upstream event.
 */
export function scrubEventData(data: string, apiKey: string): string {
  const prefix = 'data: ';
  const scrubbed = scrubSseLines(
    data
      .split('\n')
      .map((line) => prefix + line)
      .join('\n'),
    apiKey,
  );
  if (scrubbed === undefined) return data;
  return scrubbed
    .split('\n')
    .map((line) => line.slice(prefix.length))
    .join('\n');
}
