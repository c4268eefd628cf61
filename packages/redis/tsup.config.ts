import { defineConfig } from 'tsup';
import { publicPackageBuild } from '../../tsup.shared.ts';

export default defineConfig({
  ...publicPackageBuild,
  entry: ['src/index.ts'],
  dts: { compilerOptions: { customConditions: [] } },
  // core and the Redis client are dependencies: both stay imports in the output.
  external: ['@lunos-image/core', '@redis/client'],
});
