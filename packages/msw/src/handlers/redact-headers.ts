const secretHeaders = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'cookie',
  'proxy-authorization',
]);

/** Request headers for the call log: credentials shown as `Bearer <redacted>`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (secretHeaders.has(name)) {
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} <redacted>` : '<redacted>';
    } else {
      out[name] = value;
    }
  });
  return out;
}
