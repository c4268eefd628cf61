import { InvalidResponseError } from '../errors/invalid-response-error';
import { parseEventJson } from '../stream/parse-event-json';
import { quoteBody } from './quote-body';
import { readBodyText } from './read-body-text';

/** A whole JSON body, parsed. Not JSON: an `InvalidResponseError` saying `what` it was and quoting its start. */
export async function readJson(
  body: AsyncIterable<Uint8Array>,
  what: string,
  secret: string | undefined,
): Promise<unknown> {
  const text = await readBodyText(body);
  try {
    return parseEventJson(text);
  } catch (cause) {
    throw new InvalidResponseError(`${what} is not JSON: ${quoteBody(text, secret)}`, { cause });
  }
}
