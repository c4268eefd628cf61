import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { scanSecrets } from '../fixture/scan-secrets';
import { findBlobRefs } from '../replay/resolve-blobs';
import { loadFixtureSet } from './load-fixture-set';

export interface VerifyReport {
  fixtures: number;
  blobs: number;
  /** One line per problem; empty when everything is fine. */
  problems: string[];
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...(await files(path)));
    } else {
      out.push(path);
    }
  }
  return out;
}

/**
 * Checks a fixtures folder: every JSON file follows the schema, every referenced blob exists and
 * matches its hash, no blob is orphaned, and no text file holds anything like a credential.
 */
export async function verifyFixtures(dir: string): Promise<VerifyReport> {
  const problems: string[] = [];
  let set: Awaited<ReturnType<typeof loadFixtureSet>>;
  try {
    set = await loadFixtureSet(dir);
  } catch (error) {
    return {
      fixtures: 0,
      blobs: 0,
      problems: [String(error instanceof Error ? error.message : error)],
    };
  }
  const referenced = new Set<string>();
  for (const fixture of set.fixtures) {
    for (const ref of findBlobRefs([fixture.request.body, fixture.response.body])) {
      referenced.add(ref.fileName);
      await set.loadBlob(ref).catch((error: unknown) => {
        problems.push(`${fixture.id}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }
  const onDisk = await readdir(join(dir, 'blobs')).catch(() => [] as string[]);
  for (const name of onDisk)
    if (!referenced.has(name)) problems.push(`blobs/${name}: no fixture references it`);
  for (const file of await files(dir)) {
    if (file.includes(`${join(dir, 'blobs')}`)) continue;
    for (const finding of scanSecrets(await readFile(file, 'utf8'), relative(dir, file))) {
      problems.push(
        `${finding.location}: looks like a credential (${finding.rule}, ${finding.masked})`,
      );
    }
  }
  return { fixtures: set.fixtures.length, blobs: onDisk.length, problems };
}
