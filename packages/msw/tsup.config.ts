import { defineConfig } from 'tsup';

export default defineConfig({
  // cli.ts is only run through bin/lunos-image-mock.js, so it needs no declarations.
  entry: ['src/index.ts', 'src/node.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/node.ts'], compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // msw is a peer and core a dependency: both stay imports in the output.
  external: ['msw', '@lunos-image/core', 'zod'],
});
