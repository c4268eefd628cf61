#!/usr/bin/env node
// The consumer check: what a user gets from npm, used the way a user uses it. Packs the three
// public packages (as `pnpm publish` would), installs the tarballs with npm into fresh apps under
// the system's temp folder (outside the workspace: no pnpm link, no workspace source, no hoisted
// dependency can help), then in each app:
//
//   - checks that zod and @lunos-image/core are installed once (the ranges dedupe);
//   - type-checks a strict Vite + React app (scripts/consumer-app: a component using
//     LunosImageProvider, useImageModels and useImageGeneration) together with every ts/tsx block
//     of the three packed READMEs (a block whose info string names an msw major, ```ts msw2,
//     only in the leg with that msw), and builds it with Vite;
//   - runs its vitest + jsdom + Testing Library test, which renders a picture replayed by
//     @lunos-image/msw through msw's setupServer;
//   - runs a plain Node ESM script that starts `lunos-image-mock serve` from the package's bin,
//     generates with the core client against it and checks the PNG it wrote.
//
// Two legs cover the supported range: React 19 + msw 2 on this Node (20), and React 18 + msw 3 on
// Node 24 (msw 3 needs Node >= 22) with zod at the lowest version core's range allows. Tool
// versions are the ones the repository pins (read from its package.json files), so the check
// moves with the repo. Needs built packages: `pnpm check:consumer` builds them first (turbo,
// cached).
//
// Usage: node scripts/check-consumer.mjs [--leg NAME]... [--keep]
//   --leg   run only the named leg(s) (see `legs` below); default all
//   --keep  keep the temp apps (they are kept anyway when a step fails)
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { assertIsolated, packPackages } from './pack-packages.mjs';
import { readmeBlocks } from './readme-blocks.mjs';
import { runCommand as run } from './run-command.mjs';

const root = join(import.meta.dirname, '..');
const template = join(import.meta.dirname, 'consumer-app');
const publicPackages = ['core', 'react', 'msw', 'redis'];
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

// ---- versions: the repository's own pins ----------------------------------------------------

const rootDev = readJson('package.json').devDependencies;
const reactDev = readJson('packages/react/package.json').devDependencies;
const react18Dev = readJson('packages/react/react-18/package.json').devDependencies;
const mswDev = readJson('packages/msw/package.json').devDependencies;
const playgroundDev = readJson('apps/playground/package.json').devDependencies;
const redisDev = readJson('packages/redis/package.json').devDependencies;
const coreZodRange = readJson('packages/core/package.json').dependencies.zod;

/** `npm:msw@3.0.5` → `3.0.5`: the version behind an npm alias. */
const aliasVersion = (spec) => spec.replace(/^npm:.+@/, '');
/** `^4.5.0` → `4.5.0`: the lowest version a caret range allows. */
const lowestOf = (range) => {
  const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`core's zod range ${range} is not a caret range`);
  return m[1];
};

const tools = {
  typescript: rootDev.typescript,
  vite: rootDev.vite,
  vitest: rootDev.vitest,
  '@types/node': rootDev['@types/node'],
  '@vitejs/plugin-react': playgroundDev['@vitejs/plugin-react'],
  jsdom: reactDev.jsdom,
  '@testing-library/react': reactDev['@testing-library/react'],
  '@testing-library/dom': reactDev['@testing-library/dom'],
  // The React README's TanStack Query example imports it.
  '@tanstack/react-query': reactDev['@tanstack/react-query'],
  // The Redis README's own-client example imports node-redis.
  redis: redisDev.redis,
};

/**
 * Each leg: the app's own dependencies, the Node it runs on (undefined: this one) and the msw
 * major its README blocks and listen options are for. The repo tests React 18 with React 19's
 * type packages; a React 18 app has React 18's, which the repo does not pin, hence the literals.
 */
const legs = {
  'react19-msw2-node20': {
    node: undefined,
    msw: 2,
    dependencies: {
      react: reactDev.react,
      'react-dom': reactDev['react-dom'],
      msw: reactDev.msw,
      '@types/react': reactDev['@types/react'],
      '@types/react-dom': reactDev['@types/react-dom'],
    },
  },
  'react18-msw3-node24': {
    node: '24',
    msw: 3,
    dependencies: {
      react: react18Dev.react,
      'react-dom': react18Dev['react-dom'],
      msw: aliasVersion(mswDev['msw-3']),
      '@types/react': '18.3.32',
      '@types/react-dom': '18.3.7',
      // The oldest zod core's range admits: the lower bound is installed and used, once.
      zod: lowestOf(coreZodRange),
    },
  },
};

// ---- running things ---------------------------------------------------------------------------

const log = (line) => process.stdout.write(`${line}\n`);
const timings = [];

/** `node` for the leg: this process's Node, or another fetched by npx (as .ci/run does). */
const nodeOf = (leg) =>
  leg.node ? ['npx', ['-y', '-p', `node@${leg.node}`, 'node']] : [process.execPath, []];

function runNode(leg, args, options) {
  const [cmd, pre] = nodeOf(leg);
  return run(cmd, [...pre, ...args], options);
}

async function step(name, fn) {
  log(`\n==> ${name}`);
  const start = performance.now();
  const value = await fn();
  timings.push([name, (performance.now() - start) / 1000]);
  return value;
}

// ---- building an app ------------------------------------------------------------------------

/** The msw major a README block is for (```ts msw2), if any. */
const mswOf = (block) => block.tags.map((tag) => /^msw([23])$/.exec(tag)?.[1]).find(Boolean);

/**
 * Writes every ts/tsx block of the installed packages' READMEs (what npm shows) into src/readme/
 * so the app's tsc checks them against the packed declarations. Blocks marked for the other msw
 * major are left out. Returns how many were written.
 */
function writeReadmeBlocks(app, leg) {
  const dir = join(app, 'src', 'readme');
  mkdirSync(dir, { recursive: true });
  let written = 0;
  for (const name of publicPackages) {
    const readme = readFileSync(join(app, 'node_modules/@lunos-image', name, 'README.md'), 'utf8');
    readmeBlocks(readme).forEach((block, i) => {
      const msw = mswOf(block);
      if (msw && Number(msw) !== leg.msw) return;
      writeFileSync(join(dir, `${name}-${i + 1}.${block.ext}`), block.code);
      written += 1;
    });
  }
  return written;
}

/** Paths of every installed copy of `name` (npm query walks the whole tree). */
async function copiesOf(app, name) {
  const found = JSON.parse(
    await run('npm', ['query', `[name="${name}"]`], { cwd: app, capture: true }),
  );
  return found.map((node) => `${node.name}@${node.version} at ${relative(app, node.path)}`);
}

async function checkLeg(name, leg, tarballs, tmp) {
  const app = join(tmp, name);
  cpSync(template, app, {
    recursive: true,
    filter: (src) => relative(template, src).split(sep)[0] !== 'legs',
  });
  cpSync(join(template, 'legs', `msw${leg.msw}`), join(app, 'src'), { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify(
      {
        name: `lunos-image-consumer-${name}`,
        private: true,
        type: 'module',
        dependencies: { ...tarballs, ...leg.dependencies },
        devDependencies: tools,
      },
      null,
      2,
    )}\n`,
  );

  await step(`${name}: npm install (the tarballs and the pinned tools)`, () =>
    // No install scripts, as in the workspace (msw's only copies its worker; nothing needs one).
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: app,
      timeoutMs: 600_000,
    }),
  );
  await step(`${name}: one copy of zod and of @lunos-image/core`, async () => {
    for (const dep of ['zod', '@lunos-image/core']) {
      const copies = await copiesOf(app, dep);
      log(`  ${copies.join(', ')}`);
      if (copies.length !== 1) throw new Error(`${dep} is installed ${copies.length} times`);
    }
  });
  const blocks = writeReadmeBlocks(app, leg);
  await step(`${name}: tsc (strict app, tests and ${blocks} README blocks)`, () =>
    runNode(leg, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: app }),
  );
  await step(`${name}: vite build`, () =>
    runNode(leg, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: app }),
  );
  await step(`${name}: vitest (jsdom, Testing Library, msw ${leg.msw})`, () =>
    runNode(leg, ['node_modules/vitest/vitest.mjs', 'run'], { cwd: app }),
  );
  await step(`${name}: Node ESM script (mock server from the bin, core client, PNG)`, () =>
    runNode(leg, ['smoke/generate-png.mjs'], {
      cwd: app,
      // A key in the environment must not stand in for the one the script passes.
      env: { LUNOS_API_KEY: '', OPENROUTER_API_KEY: '' },
    }),
  );
}

// ---- main -------------------------------------------------------------------------------------

const { values } = parseArgs({
  options: { leg: { type: 'string', multiple: true }, keep: { type: 'boolean' } },
});
const chosen = values.leg ?? Object.keys(legs);
for (const name of chosen) if (!legs[name]) throw new Error(`unknown leg ${name}`);

const tmp = mkdtempSync(join(tmpdir(), 'lunos-consumer-'));
const started = performance.now();
let failed = false;
try {
  assertIsolated(tmp);
  const tarballs = await step(`pack @lunos-image/${publicPackages.join(', ')}`, () =>
    packPackages(publicPackages, join(tmp, 'tarballs')),
  );
  for (const name of chosen) await checkLeg(name, legs[name], tarballs, tmp);
} catch (error) {
  failed = true;
  process.stderr.write(
    `\ncheck:consumer failed: ${error instanceof Error ? error.message : error}\n`,
  );
  process.exitCode = 1;
} finally {
  log('\n==> timings');
  for (const [name, seconds] of timings) log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
  log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  total`);
  if (failed || values.keep) log(`apps kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
