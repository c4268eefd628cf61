import { encodeBase64 } from '../../image/base64';

/** `bytes` as unpadded base64url (RFC 4648 §5): safe in a path segment and in an `ETag`. */
export function base64url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
