/**
 * A job id as the route handler makes them: base64url of at least 128 random bits (22
 * characters). Anything else is refused before it is put in a URL.
 */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,128}$/.test(value);
}
