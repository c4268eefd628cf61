/** Writes schema.json from the zod fixture schema: pnpm --filter @lunos-image/msw generate:schema */
import { writeFile } from 'node:fs/promises';
import { fixtureJsonSchema } from '../src/fixture/fixture-json-schema';

await writeFile(
  new URL('../schema.json', import.meta.url),
  `${JSON.stringify(fixtureJsonSchema(), null, 2)}\n`,
);
