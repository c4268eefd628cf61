/**
 * The runtimes the suite runs the packed packages on, each pinned, and the npm packages that bring
 * it (for this machine's platform). Every version here is a version tested: README.md's "Runs on"
 * table must name the same ones (checked by readme-runs-on.test.ts).
 */
export type RuntimeName = 'node20' | 'node24' | 'bun' | 'deno' | 'workerd' | 'edge-runtime';

/** The README block (```ts <tag>) a runtime runs: the few lines that mount the handler there. */
export type SnippetTag = 'node' | 'bun' | 'deno' | 'workers' | 'vercel-edge';

export interface RuntimeDefinition {
  /** As the test names and the README's table say it. */
  readonly label: string;
  /** The runtime's own version, pinned: what its `--version` (or package) says. */
  readonly version: string;
  readonly snippet: SnippetTag;
  /** The npm packages (exact versions) that bring it; undefined where none is published. */
  packages(platform: string, arch: string): Record<string, string> | undefined;
  /** Its executable, below the install folder; absent for runtimes a Node 24 host process runs. */
  bin?(platform: string, arch: string): string;
}

function supported(platform: string, arch: string): boolean {
  return ['linux', 'darwin'].includes(platform) && ['x64', 'arm64'].includes(arch);
}

/** A runtime whose executable one npm package per platform brings (`bin` below that package). */
function binaryRuntime(
  label: string,
  version: string,
  snippet: SnippetTag,
  packageName: (platform: string, arch: string) => string,
  bin: string,
): RuntimeDefinition {
  return {
    label,
    version,
    snippet,
    packages: (platform, arch) =>
      supported(platform, arch) ? { [packageName(platform, arch)]: version } : undefined,
    bin: (platform, arch) => `node_modules/${packageName(platform, arch)}/${bin}`,
  };
}

const NODE_PACKAGE = (platform: string, arch: string) => `node-${platform}-${arch}`;
const BUN_PACKAGE = (platform: string, arch: string) =>
  `@oven/bun-${platform}-${arch === 'arm64' ? 'aarch64' : 'x64'}`;
const DENO_PACKAGE = (platform: string, arch: string) =>
  platform === 'linux' ? `@deno/linux-${arch}-glibc` : `@deno/${platform}-${arch}`;

/** workerd as miniflare 4.20260730.0 pins it; the date its Workers are compatible with. */
export const WORKERD = { version: '1.20260730.1', compatibilityDate: '2026-07-30' };

export const RUNTIMES: Record<RuntimeName, RuntimeDefinition> = {
  // The lowest Node core supports (engines: >=20.19), not whatever Node 20 the machine has.
  node20: binaryRuntime('Node.js 20', '20.19.0', 'node', NODE_PACKAGE, 'bin/node'),
  node24: binaryRuntime('Node.js 24', '24.21.0', 'node', NODE_PACKAGE, 'bin/node'),
  bun: binaryRuntime('Bun', '1.4.5', 'bun', BUN_PACKAGE, 'bin/bun'),
  deno: binaryRuntime('Deno', '2.9.6', 'deno', DENO_PACKAGE, 'deno'),
  // Cloudflare's Workers runtime, served by miniflare (what `wrangler dev` runs) on Node 24.
  workerd: {
    label: 'workerd (miniflare)',
    version: WORKERD.version,
    snippet: 'workers',
    packages: () => ({ miniflare: '4.20260730.0', workerd: WORKERD.version }),
  },
  // Vercel's Edge runtime as Vercel publishes it for local runs, on Node 24.
  'edge-runtime': {
    label: 'edge-runtime',
    version: '4.0.1',
    snippet: 'vercel-edge',
    packages: () => ({ 'edge-runtime': '4.0.1' }),
  },
};
