/**
 * `response` with `extra` headers set: in place when its headers can change (the handler's own
 * answers), else on a copy (a fetched response's or `Response.error()`'s are immutable).
 */
export function withHeaders(response: Response, extra: Record<string, string>): Response {
  const entries = Object.entries(extra);
  if (entries.length === 0) return response;
  try {
    for (const [name, value] of entries) response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    for (const [name, value] of entries) headers.set(name, value);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
}
