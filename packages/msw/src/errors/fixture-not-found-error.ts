import { LunosImageError } from '@lunos-image/core';

/** A fixture id was asked for (option, header or control endpoint) that the set does not hold. */
export class FixtureNotFoundError extends LunosImageError {
  static override readonly kind: string = 'FixtureNotFoundError';

  readonly fixtureId: string;
  readonly available: readonly string[];

  constructor(fixtureId: string, available: readonly string[]) {
    const hint =
      available.length > 0 ? ` Known ids: ${available.join(', ')}.` : ' The set is empty.';
    super(`No fixture with id "${fixtureId}".${hint}`);
    this.fixtureId = fixtureId;
    this.available = available;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fixtureId: this.fixtureId, available: this.available };
  }
}
