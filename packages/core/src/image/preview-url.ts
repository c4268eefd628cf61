/** Longest URL prefix kept for messages: enough to see the scheme and type, never the payload. */
const previewLength = 48;

/** The start of `url`, short enough for error messages and logs (data URLs run to megabytes). */
export function previewUrl(url: string): string {
  return url.length <= previewLength ? url : `${url.slice(0, previewLength)}…`;
}
