import { join } from 'node:path';
import type { FixtureSet } from '../fixture/fixture-set';
import { loadFixtureSet } from '../node/load-fixture-set';

/** The package's fixtures folder (shipped in the tarball), found independently of the code under test. */
// import.meta.dirname, not new URL(): under jsdom and happy-dom the global URL is the DOM's.
export const REPO_FIXTURES_DIR = join(import.meta.dirname, '../../fixtures');

let cached: Promise<FixtureSet> | undefined;

/** The repo's fixtures, loaded once per test file. */
export function repoFixtures(): Promise<FixtureSet> {
  cached ??= loadFixtureSet(REPO_FIXTURES_DIR);
  return cached;
}
