import { LunosImageError } from '@lunos-image/core';

export interface InvalidFixtureIssue {
  path: readonly PropertyKey[];
  message: string;
}

/** A fixture file (or object) does not follow the fixture schema. */
export class InvalidFixtureError extends LunosImageError {
  static override readonly kind: string = 'InvalidFixtureError';

  /** Where the fixture came from: a file path, a glob key or its id. */
  readonly source: string;
  readonly issues: readonly InvalidFixtureIssue[];

  constructor(
    source: string,
    issues: readonly InvalidFixtureIssue[],
    options?: { cause?: unknown },
  ) {
    const detail = issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    super(`Invalid fixture ${source}: ${detail}`, options);
    this.source = source;
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), source: this.source, issues: this.issues };
  }
}
