import { redactText } from '../errors/redact-secret';

const QUOTE_CHARS = 80;

/**
 * The start of a body, to quote in an error: the key scrubbed from the whole text before the cut,
 * so that the cut cannot leave a piece of it that no longer matches.
 */
export function quoteBody(text: string, secret: string | undefined): string {
  const clean = redactText(text.trim(), [secret]);
  return clean.length > QUOTE_CHARS ? `${clean.slice(0, QUOTE_CHARS)}…` : clean;
}
