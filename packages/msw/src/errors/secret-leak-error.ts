import { LunosImageError } from '@lunos-image/core';

export interface SecretFinding {
  /** Which rule matched, e.g. `openrouter-key` or `bearer-token`. */
  rule: string;
  /** Where: a file path or fixture id, and the character offset. */
  location: string;
  /** The match with everything but its first characters masked, so the error never leaks it. */
  masked: string;
}

/** The recorder (or `verify`) found something that looks like a credential in a fixture. */
export class SecretLeakError extends LunosImageError {
  static override readonly kind: string = 'SecretLeakError';

  readonly findings: readonly SecretFinding[];

  constructor(findings: readonly SecretFinding[]) {
    const list = findings.map((f) => `${f.rule} at ${f.location} (${f.masked})`).join('; ');
    super(`Refusing to write a fixture that contains a secret: ${list}`);
    this.findings = findings;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), findings: this.findings };
  }
}
