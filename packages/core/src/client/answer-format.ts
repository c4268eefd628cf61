/**
 * What an answer's `content-type` says its body is, known before the body is read: `json`
 * (`application/json`, any `+json`; also a missing header, read as JSON as it always was), `sse`
 * (`text/event-stream`), or `other` (an HTML page, text...), which the client does not read.
 */
export function answerFormat(contentType: string | null): 'json' | 'sse' | 'other' {
  const type = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (type === '' || type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/event-stream') return 'sse';
  return 'other';
}
