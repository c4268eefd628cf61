import { BlobNotFoundError } from '../errors/blob-not-found-error';
import { FixtureFolderError } from '../errors/fixture-folder-error';
import { InvalidFixtureError } from '../errors/invalid-fixture-error';
import { createFixtureSet, type FixtureSet } from '../fixture/fixture-set';
import { SHIPPED_FIXTURES_ANCHOR } from '../shipped-fixtures-anchor';
import { nodeBuiltins } from './node-builtins';

type Builtins = ReturnType<typeof nodeBuiltins>;

async function jsonFiles(node: Builtins, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await node.fs.readdir(dir, { withFileTypes: true })) {
    const file = node.path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'blobs' && entry.name !== 'node_modules')
        out.push(...(await jsonFiles(node, file)));
    } else if (entry.name.endsWith('.json') && entry.name !== 'package.json') {
      out.push(file);
    }
  }
  return out.sort();
}

/** The folder of the fixture set shipped in the package (absolute path). Node only. */
export function shippedFixturesDir(): string {
  const { path, url } = nodeBuiltins('shippedFixturesDir');
  return path.resolve(path.dirname(url.fileURLToPath(SHIPPED_FIXTURES_ANCHOR)), '../fixtures');
}

/**
 * Loads every fixture JSON under `dir` (skipping `blobs/` and `package.json`); images are read
 * from `dir/blobs/` when a replay needs them, and checked against the hash in their name.
 * Without `dir`, the set shipped in the package. A folder that is missing, is not a folder or
 * holds no fixture file is a {@link FixtureFolderError}; a file that is not a fixture, an
 * {@link InvalidFixtureError} naming it.
 */
export async function loadFixtureSet(dir?: string): Promise<FixtureSet> {
  const node = nodeBuiltins('loadFixtureSet');
  const root = node.path.resolve(dir ?? shippedFixturesDir());
  let files: string[];
  try {
    files = await jsonFiles(node, root);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'not a folder'
          : `cannot read it (${code ?? String(error)})`;
    throw new FixtureFolderError(root, reason, { cause: error });
  }
  if (files.length === 0)
    throw new FixtureFolderError(root, 'it holds no fixture files (*.json outside blobs/)');
  const fixtures: Record<string, unknown> = {};
  for (const file of files) {
    try {
      fixtures[file] = JSON.parse(await node.fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new InvalidFixtureError(
        file,
        [{ path: [], message: `not valid JSON: ${String(error)}` }],
        { cause: error },
      );
    }
  }
  const blobs = node.path.join(root, 'blobs');
  return createFixtureSet({
    fixtures,
    async loadBlob(ref) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await node.fs.readFile(node.path.join(blobs, ref.fileName)));
      } catch (error) {
        throw new BlobNotFoundError(ref.fileName, `cannot read it from ${blobs}`, {
          cause: error,
        });
      }
      const actual = `sha256-${node.crypto.createHash('sha256').update(bytes).digest('hex')}`;
      if (actual !== ref.hash)
        throw new BlobNotFoundError(ref.fileName, `its bytes hash to ${actual}`);
      return bytes;
    },
  });
}

let shipped: Promise<FixtureSet> | undefined;

/** The shipped set, read once per process and shared: a set never changes once loaded. */
export function shippedFixtureSet(): Promise<FixtureSet> {
  shipped ??= loadFixtureSet();
  return shipped;
}
