import { base64url } from './base64url';

/** A job id: 16 random bytes (128 bits, unguessable) as 22 base64url characters. */
export function newJobId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Whether `id` could be one `newJobId` made: anything else is not looked up in a store. */
export function isJobId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}
