import { describe, expect, it } from 'vitest';
import { measureBundle, reactExternals } from '../harness/measure-bundle';

/**
 * What a page loads first with core's client or the hooks, bundled as the `bundle-size` row
 * bundles them (esbuild, code splitting) but from our sources, so it needs no build: the client's
 * shell only. A generation's code (request building, zod, the SSE parser and byte path, the
 * wires, jobs, spans), the model-list reader and an error answer's reader load by `import()`
 * where first used. A module exported from core's root that imports any of them would pull it
 * into the first load (esbuild splits by file), which these tests catch.
 */
const sources = ['@lunos-image/source'];

/** Modules that only a generation (or a listing, or an error answer) needs. */
const loadedWhereUsed = [
  /node_modules\/.*zod\//,
  /core\/src\/sse\/(create-sse-parser|image-string-scanner|sse-image-tap|decode-sse-batches)\.ts$/,
  /core\/src\/wires\//,
  /core\/src\/schemas\/.*-schema\.ts$/,
  /core\/src\/request\/build-(chat|images)-request\.ts$/,
  /core\/src\/stream\/(image|images)-stream-interpreter\.ts$/,
  /core\/src\/client\/(generation-events|job-events|list-models)\.ts$/,
  /core\/src\/telemetry\/generation-span\.ts$/,
  /core\/src\/errors\/create-api-error\.ts$/,
];

const entries = {
  client: "export { createLunosImageClient } from '@lunos-image/core';",
  hooks:
    "export { LunosImageProvider, useImageGeneration, useImageModels } from '@lunos-image/react';",
};

describe('what a page loads first', () => {
  it.each(Object.entries(entries))(
    '%s: the shell; a generation loads its code by import()',
    async (_, entry) => {
      const bundle = await measureBundle(entry, reactExternals, sources);
      const first = [...bundle.inputs.keys()];
      expect(
        first.some((path) => path.includes('core/src/client/create-lunos-image-client.ts')),
      ).toBe(true);
      expect(first.filter((path) => loadedWhereUsed.some((pattern) => pattern.test(path)))).toEqual(
        [],
      );
      const lazy = [...bundle.lazyInputs];
      for (const pattern of loadedWhereUsed) {
        expect(
          lazy.some((path) => pattern.test(path)),
          String(pattern),
        ).toBe(true);
      }
    },
  );
});
