/**
 * A refusal in the API's own error shape (`{ error: { code, message, metadata: { error_type } } }`,
 * `code` equal to the HTTP status as OpenRouter sends it), so every client that already reads the
 * API's errors (ours, openai-node, a hand-written fetch) reads ours the same way.
 */
export function refuse(
  status: number,
  errorType: string,
  message: string,
  options: { headers?: Record<string, string>; metadata?: Record<string, unknown> } = {},
): Response {
  const metadata = { error_type: errorType, ...options.metadata };
  return new Response(JSON.stringify({ error: { code: status, message, metadata } }), {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...options.headers,
    },
  });
}
