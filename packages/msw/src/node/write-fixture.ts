import { access, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { SecretLeakError } from '../errors/secret-leak-error';
import type { FixtureInput } from '../fixture/fixture-schema';
import { parseFixture } from '../fixture/parse-fixture';
import { scanSecrets } from '../fixture/scan-secrets';
import { externalizeImages } from './externalize-images';

export interface WriteFixtureOptions {
  /** Values that must appear nowhere (the API key used while recording). */
  secrets?: readonly string[];
  /** Path of schema.json, written as a relative `$schema` at the top of the file. */
  schemaFile?: string;
}

/**
 * Writes a fixture as `dir/<id>.json`, its images as `dir/blobs/sha256-<hex>.<ext>`. Validates it
 * first and refuses (SecretLeakError, nothing written) when anything looks like a credential.
 * Returns the path of the JSON file.
 */
export async function writeFixture(
  dir: string,
  fixture: FixtureInput,
  options: WriteFixtureOptions = {},
): Promise<string> {
  const { value, blobs } = externalizeImages(fixture);
  const file = join(dir, `${value.id}.json`);
  const { $schema: _, ...rest } = value;
  const withSchema = options.schemaFile
    ? { $schema: relative(dirname(file), options.schemaFile).split(sep).join('/'), ...rest }
    : rest;
  parseFixture(withSchema, value.id);
  const text = `${JSON.stringify(withSchema, null, 2)}\n`;
  const findings = scanSecrets(text, `${value.id}.json`, options.secrets);
  if (findings.length > 0) throw new SecretLeakError(findings);
  await mkdir(dirname(file), { recursive: true });
  await mkdir(join(dir, 'blobs'), { recursive: true });
  for (const [name, bytes] of blobs) {
    const path = join(dir, 'blobs', name);
    // Content addressed: an existing file with this name already holds these bytes.
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (!exists) await writeFile(path, bytes);
  }
  await writeFile(file, text);
  return file;
}
