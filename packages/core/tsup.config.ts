import { defineConfig } from 'tsup';
import { moduleBuild, publicPackageBuild } from '../../tsup.shared.ts';

/** The public entry points, by the name of their bundled `.d.ts`. */
const entries = {
  index: 'src/index.ts',
  server: 'src/server/index.ts',
  'server-node': 'src/server/node/index.ts',
  'server-testing': 'src/server/testing/index.ts',
  adapter: 'src/adapter.ts',
  sse: 'src/sse.ts',
  internal: 'src/internal.ts',
};

export default defineConfig([
  // JavaScript: one file per module (see moduleBuild), so an app's bundler splits core where
  // the client loads code by import() (a generation's code, the model-list reader).
  moduleBuild(['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/test-utils/**']),
  // Types: one bundled `.d.ts` per entry point, what the API reports read.
  {
    ...publicPackageBuild,
    entry: entries,
    clean: false,
    dts: { only: true, compilerOptions: { customConditions: [] } },
  },
]);
