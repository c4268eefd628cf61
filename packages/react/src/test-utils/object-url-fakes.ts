/**
 * jsdom has no `URL.createObjectURL` / `URL.revokeObjectURL`. These fakes hand out unique
 * `blob:` URLs and remember what was made and revoked, so tests can count leaks and catch a URL
 * that is shown after it was revoked.
 */
export interface ObjectUrlLedger {
  /** Every URL made, in order. */
  readonly created: string[];
  /** Every URL revoked, in order (a second revoke of the same URL is recorded twice). */
  readonly revoked: string[];
  /** Made and not revoked. */
  live(): string[];
  isRevoked(url: string): boolean;
  reset(): void;
}

let counter = 0;
const created: string[] = [];
const revoked: string[] = [];
const revokedSet = new Set<string>();

export const objectUrls: ObjectUrlLedger = {
  created,
  revoked,
  live: () => created.filter((url) => !revokedSet.has(url)),
  isRevoked: (url) => revokedSet.has(url),
  reset() {
    created.length = 0;
    revoked.length = 0;
    revokedSet.clear();
  },
};

/** Installs the fakes on the global `URL` (jsdom's in a jsdom environment). */
export function installObjectUrlFakes(): void {
  Object.assign(URL, {
    createObjectURL(blob: Blob): string {
      if (typeof blob?.size !== 'number') throw new TypeError('createObjectURL needs a Blob');
      counter += 1;
      const url = `blob:http://localhost/fake-${counter}`;
      created.push(url);
      return url;
    },
    revokeObjectURL(url: string): void {
      revoked.push(url);
      revokedSet.add(url);
    },
  });
}
