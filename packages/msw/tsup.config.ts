import { defineConfig } from 'tsup';
import { publicPackageBuild } from '../../tsup.shared.ts';

export default defineConfig({
  ...publicPackageBuild,
  // cli.ts is only run through bin/lunos-image-mock.js, so it needs no declarations.
  entry: ['src/index.ts', 'src/node.ts', 'src/internal.ts', 'src/cli.ts'],
  dts: {
    entry: ['src/index.ts', 'src/node.ts', 'src/internal.ts'],
    compilerOptions: { customConditions: [] },
  },
  // msw is a peer and core a dependency: both stay imports in the output.
  external: ['msw', '@lunos-image/core', 'zod'],
});
