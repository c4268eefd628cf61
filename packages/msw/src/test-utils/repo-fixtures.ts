import { fileURLToPath } from 'node:url';
import type { FixtureSet } from '../fixture/fixture-set';
import { loadFixtureSet } from '../node/load-fixture-set';

/** The monorepo's /fixtures folder. */
export const REPO_FIXTURES_DIR = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

let cached: Promise<FixtureSet> | undefined;

/** The repo's fixtures, loaded once per test file. */
export function repoFixtures(): Promise<FixtureSet> {
  cached ??= loadFixtureSet(REPO_FIXTURES_DIR);
  return cached;
}
