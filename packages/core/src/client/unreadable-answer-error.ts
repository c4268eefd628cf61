import { InvalidResponseError } from '../errors/invalid-response-error';
import { quoteBody } from './quote-body';
import { readBodyText } from './read-body-text';

export interface UnreadableAnswer {
  /** The answer's body, counted; cancelled once `maxBytes` are read. */
  body: AsyncIterable<Uint8Array>;
  contentType: string;
  /** What the answer was (`The answer`, `The model list`). */
  what: string;
  /** What the client reads there (`JSON or SSE`, `JSON`). */
  expected: string;
  secret: string | undefined;
  /** Read at most this much of the body, to quote its start. */
  maxBytes: number;
}

/**
 * The error for a 2xx answer of a content type the client does not read (a proxy's HTML page):
 * it names the content type and quotes the body's start, read up to `maxBytes` and then cancelled,
 * never read whole.
 */
export async function unreadableAnswerError(
  answer: UnreadableAnswer,
): Promise<InvalidResponseError> {
  const text = await readBodyText(answer.body, answer.maxBytes);
  const quote = quoteBody(text, answer.secret);
  return new InvalidResponseError(
    `${answer.what} has content-type ${answer.contentType}, not ${answer.expected}${quote ? `: ${quote}` : ''}`,
  );
}
