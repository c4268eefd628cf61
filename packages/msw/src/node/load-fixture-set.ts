import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BlobNotFoundError } from '../errors/blob-not-found-error';
import { InvalidFixtureError } from '../errors/invalid-fixture-error';
import { createFixtureSet, type FixtureSet } from '../fixture/fixture-set';

async function jsonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'blobs' && entry.name !== 'node_modules')
        out.push(...(await jsonFiles(path)));
    } else if (entry.name.endsWith('.json') && entry.name !== 'package.json') {
      out.push(path);
    }
  }
  return out.sort();
}

/**
 * Loads every fixture JSON under `dir` (skipping `blobs/` and `package.json`); images are read
 * from `dir/blobs/` when a replay needs them, and checked against the hash in their name.
 */
export async function loadFixtureSet(dir: string): Promise<FixtureSet> {
  const fixtures: Record<string, unknown> = {};
  for (const file of await jsonFiles(dir)) {
    const name = relative(dir, file).split(sep).join('/');
    try {
      fixtures[name] = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InvalidFixtureError(
        name,
        [{ path: [], message: `not valid JSON: ${String(error)}` }],
        {
          cause: error,
        },
      );
    }
  }
  return createFixtureSet({
    fixtures,
    async loadBlob(ref) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(join(dir, 'blobs', ref.fileName)));
      } catch (error) {
        throw new BlobNotFoundError(ref.fileName, `cannot read it from ${join(dir, 'blobs')}`, {
          cause: error,
        });
      }
      const actual = `sha256-${createHash('sha256').update(bytes).digest('hex')}`;
      if (actual !== ref.hash)
        throw new BlobNotFoundError(ref.fileName, `its bytes hash to ${actual}`);
      return bytes;
    },
  });
}
