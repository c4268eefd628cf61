/** `https://x/v1/` → `https://x/v1`, so paths can be appended with one slash. */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
