import { ValidationError, type ValidationIssue } from '../errors/validation-error';
import { telemetryOptionProblem } from '../telemetry/telemetry-option-problem';

/** RFC 9110 `token`: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Why `value` cannot be an HTTP header value, or undefined. fetch refuses CR, LF, NUL and
 * anything above U+00FF with a TypeError that a client would report as a network failure (and
 * retry); caught here, before any attempt, it names the option instead.
 */
export function headerValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string (got ${typeof value})`;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x0d || code === 0x0a || code === 0x00) {
      return `contains a line break or NUL at position ${i}: a header value is one line`;
    }
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) {
      return `contains the control character U+${code.toString(16).padStart(4, '0').toUpperCase()} at position ${i}`;
    }
    if (code > 0xff) {
      const char = String.fromCodePoint(value.codePointAt(i) ?? code);
      return `contains "${char}" at position ${i}, which an HTTP header cannot carry (only Latin-1): use ASCII, or encode it (encodeURIComponent)`;
    }
  }
  return undefined;
}

/** `url` with any `user:pass@` replaced, for a message. */
function withoutCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function baseURLProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty string';
  if ([...value].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) {
    return 'must not contain spaces or control characters';
  }
  // A path (`/api/lunos`) is a same-origin proxy route in a browser.
  if (value.startsWith('/') && !value.startsWith('//')) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) URL or a path starting with "/"';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `must be an http(s) URL (got ${url.protocol})`;
  }
  if (url.username || url.password) {
    // Never echo the credentials: the message itself would leak them.
    return `must not hold credentials (user:password@), which would be sent with every request and show up in errors: ${withoutCredentials(url)}; send them in \`headers\` instead`;
  }
  return undefined;
}

const positiveInteger = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

export interface ClientOptionsToCheck {
  apiKey?: unknown;
  baseURL?: unknown;
  headers?: unknown;
  appId?: unknown;
  referer?: unknown;
  title?: unknown;
  maxRetries?: unknown;
  maxEventBytes?: unknown;
  maxImageBytes?: unknown;
  maxResponseBytes?: unknown;
  maxImagesPerAnswer?: unknown;
  imagePolicy?: unknown;
  strict?: unknown;
  onWarning?: unknown;
  dangerouslyAllowBrowser?: unknown;
  telemetry?: unknown;
}

/**
 * Every client option checked up front: a `ValidationError` listing each bad one, thrown by
 * `createLunosImageClient` instead of a failure (or a leak) at the first request. Never shows
 * the key or a URL's password.
 */
export function validateClientOptions(options: ClientOptionsToCheck): void {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string, code = 'invalid_value') =>
    issues.push({ path, code, message });

  if (options.apiKey !== undefined) {
    if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
      add('apiKey', 'must be a non-empty string (or left out when a proxy adds the key)');
    } else if (headerValueProblem(options.apiKey)) {
      // The problem's text would quote the key: say only what kind of problem it is.
      add(
        'apiKey',
        'contains a character an HTTP header cannot carry (a line break, a control character or non-Latin-1 text): check how it was copied',
      );
    }
  }
  if (options.baseURL !== undefined) {
    const problem = baseURLProblem(options.baseURL);
    if (problem) add('baseURL', problem);
  }
  for (const name of ['appId', 'referer', 'title'] as const) {
    if (options[name] === undefined) continue;
    const problem = headerValueProblem(options[name]);
    if (problem) add(name, problem);
  }
  if (options.headers !== undefined) {
    if (
      typeof options.headers !== 'object' ||
      options.headers === null ||
      Array.isArray(options.headers)
    ) {
      add('headers', 'must be an object of header names to string values', 'invalid_type');
    } else {
      for (const [name, value] of Object.entries(options.headers)) {
        if (!HEADER_NAME.test(name))
          add(`headers[${JSON.stringify(name)}]`, 'is not a valid header name');
        const problem = headerValueProblem(value);
        if (problem) add(`headers[${JSON.stringify(name)}]`, problem);
      }
    }
  }
  if (options.maxRetries !== undefined) {
    const n = options.maxRetries;
    if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
      add('maxRetries', `must be a whole number >= 0 (got ${String(n)})`);
    }
  }
  for (const name of [
    'maxEventBytes',
    'maxImageBytes',
    'maxResponseBytes',
    'maxImagesPerAnswer',
  ] as const) {
    if (options[name] !== undefined && !positiveInteger(options[name])) {
      add(name, `must be a whole number > 0 (got ${String(options[name])})`);
    }
  }
  const policies = ['replace', 'append', 'dedupe-by-url'];
  if (options.imagePolicy !== undefined && !policies.includes(options.imagePolicy as string)) {
    issues.push({
      path: 'imagePolicy',
      code: 'invalid_value',
      allowed: policies,
      message: `must be one of ${policies.join(', ')}`,
    });
  }
  for (const name of ['strict', 'dangerouslyAllowBrowser'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') {
      add(name, `must be true or false (got ${typeof options[name]})`, 'invalid_type');
    }
  }
  if (options.onWarning !== undefined && typeof options.onWarning !== 'function') {
    add('onWarning', `must be a function (got ${typeof options.onWarning})`, 'invalid_type');
  }
  const telemetry = telemetryOptionProblem(options.telemetry, true);
  if (telemetry) add(...telemetry);
  if (issues.length > 0) throw new ValidationError('client options', issues);
}
