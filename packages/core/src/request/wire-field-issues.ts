import type { ValidationIssue } from '../errors/validation-error';
import type { ImageApi } from '../models/image-model';
import { CHAT_WIRE_FIELDS, SHARED_WIRE_FIELDS } from './chat-wire-fields';
import type { ParsedVariables } from './parse-variables';

/** Variables only the Images API has (`n` above 1 too): never dropped on the chat route. */
const IMAGES_ONLY = ['quality', 'outputFormat', 'background', 'outputCompression', 'size'] as const;

/** Variables only chat completions have. */
const CHAT_ONLY = [
  'modalities',
  'imageConfig',
  ...CHAT_WIRE_FIELDS.filter((field) => !SHARED_WIRE_FIELDS.has(field)),
] as const;

/**
 * The variables `api` cannot send, each an issue naming the field and the way out: a setting the
 * chosen wire lacks is refused rather than silently dropped, and `api` itself must be that wire.
 */
export function wireFieldIssues(v: ParsedVariables, api: ImageApi): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const other: ImageApi = api === 'chat' ? 'images' : 'chat';
  if (v.api !== undefined && v.api !== api) {
    issues.push({
      path: 'api',
      code: 'conflict',
      allowed: [api],
      message: `is "${v.api}" but this builds the ${api} request: use ${api === 'chat' ? 'buildImagesRequest' : 'buildChatRequest'}`,
    });
  }
  if (api === 'chat') {
    for (const field of IMAGES_ONLY) {
      if (v[field] === undefined) continue;
      issues.push({
        path: field,
        code: 'unsupported',
        message: `is sent only on the Images API: pass api: '${other}' (the chat route has no ${field})`,
      });
    }
    if (v.n !== undefined && v.n > 1) {
      issues.push({
        path: 'n',
        code: 'unsupported',
        message: `${v.n} images per request need the Images API: pass api: '${other}' (the chat route answers one)`,
      });
    }
    return issues;
  }
  if (v.messages !== undefined) {
    issues.push({
      path: 'messages',
      code: 'unsupported',
      message: `are not part of the Images API, which takes a prompt: pass prompt, or api: '${other}'`,
    });
  }
  for (const field of CHAT_ONLY) {
    if (v[field] === undefined) continue;
    issues.push({
      path: field,
      code: 'unsupported',
      message: `is not part of the Images API: remove it, or pass api: '${other}'`,
    });
  }
  return issues;
}
