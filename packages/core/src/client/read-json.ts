import { InvalidResponseError } from '../errors/invalid-response-error';
import { redactText } from '../errors/redact-secret';
import { parseEventJson } from '../stream/parse-event-json';
import { readBodyText } from './read-body-text';

/**
 * A whole JSON body, parsed. Not JSON: an `InvalidResponseError` saying `what` it was and quoting
 * its start, with the key scrubbed from the whole text before the cut, so that the cut cannot
 * leave a piece of it that no longer matches.
 */
export async function readJson(
  body: AsyncIterable<Uint8Array>,
  what: string,
  secret: string | undefined,
): Promise<unknown> {
  const text = await readBodyText(body);
  try {
    return parseEventJson(text);
  } catch (cause) {
    const clean = redactText(text.trim(), [secret]);
    const preview = clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
    throw new InvalidResponseError(`${what} is not JSON: ${preview}`, { cause });
  }
}
