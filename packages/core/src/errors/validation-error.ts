import type * as z from 'zod/mini';
import { LunosImageError } from './lunos-image-error';

export interface ValidationIssue {
  /** Where the problem is, in the caller's terms: `aspectRatio`, `referenceImages[1]`. */
  path: string;
  /** What is wrong, naming the allowed values when there is a closed set. */
  message: string;
  /** zod's issue code, or our own (`unsupported`, `conflict`). */
  code: string;
  allowed?: readonly unknown[];
}

const MAX_SHOWN = 60;

function show(value: unknown): string {
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

function issueFromZod(issue: z.core.$ZodIssue): ValidationIssue {
  const path = formatPath(issue.path);
  // The value is shown when it is small and says something (not a whole object).
  const input = 'input' in issue ? issue.input : undefined;
  const got =
    issue.code !== 'custom' && input !== undefined && (typeof input !== 'object' || input === null)
      ? ` (got ${show(input)})`
      : '';
  switch (issue.code) {
    case 'invalid_value':
      return {
        path,
        code: issue.code,
        allowed: issue.values,
        message: `must be one of ${issue.values.map((v) => String(v)).join(', ')}${got}`,
      };
    case 'invalid_type':
      return {
        path,
        code: issue.code,
        message:
          issue.input === undefined
            ? `is required (${issue.expected})`
            : `must be ${issue.expected}${got}`,
      };
    case 'unrecognized_keys':
      return {
        path,
        code: issue.code,
        message: `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    case 'invalid_union':
      return { path, code: issue.code, message: `does not match any accepted shape${got}` };
    default:
      return { path, code: issue.code, message: `${issue.message}${got}` };
  }
}

/** Input that cannot be sent. Thrown before any request leaves the machine. */
export class ValidationError extends LunosImageError {
  static override readonly kind: string = 'ValidationError';

  readonly issues: readonly ValidationIssue[];

  constructor(
    subject: string,
    issues: readonly ValidationIssue[],
    options: { cause?: unknown } = {},
  ) {
    const lines = issues.map((i) => `${i.path} ${i.message}`);
    super(`Invalid ${subject}: ${lines.join('; ')}`, options);
    this.issues = issues;
  }

  /** Path of the first problem, e.g. `aspectRatio`. */
  get path(): string {
    return this.issues[0]?.path ?? '(root)';
  }

  static fromZod(subject: string, error: z.core.$ZodError): ValidationError {
    return new ValidationError(subject, error.issues.map(issueFromZod), { cause: error });
  }

  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, issues: this.issues };
  }
}
