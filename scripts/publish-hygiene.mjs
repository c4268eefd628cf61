// Publish hygiene of a packed public package (issue 14): what a user installs from npm carries no
// repository-only fields, ranges that dedupe, README links that work on npmjs.com, and source
// maps without the sources copied in. scripts/check-package.mjs runs these on every tarball;
// scripts/publish-hygiene.test.ts shows each rule catching what it is for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Manifest fields a user's install never reads; they name private packages and repo scripts. */
const unpublishedFields = ['devDependencies', 'scripts'];
/** A bare version (`4.6.7`, `=4.6.7`, `v1.0.0-rc.1`): an app on any other version gets a copy. */
const exactVersion = /^(=|v)?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
/** Ranges that only mean something inside this workspace or on this machine. */
const localRange = /^(workspace|link|file|portal):/;

/** Problems of the packed package.json: unpublished fields, exact pins, local ranges. */
export function manifestProblems(manifest) {
  const problems = unpublishedFields
    .filter((field) => field in manifest)
    .map((field) => `package.json keeps "${field}"`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (exactVersion.test(range.trim()))
        problems.push(`${field}.${name} is pinned to ${range}: use a range that dedupes (^x.y.z)`);
      if (localRange.test(range)) problems.push(`${field}.${name} is a local range: ${range}`);
    }
  }
  return problems;
}

/**
 * Links the README makes relative to the repository (`../core`, `./docs/x.md`, `src/a.ts`): npm
 * shows the README alone, so each of them is a dead link there. Absolute URLs, `mailto:` and
 * in-page anchors (`#errors`) work everywhere. Code blocks are skipped: they hold code, not links.
 */
export function readmeLinkProblems(readme) {
  const prose = readme.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const targets = [
    ...prose.matchAll(/\]\(\s*<?([^)\s>]+)/g), // [text](target) and ![alt](target)
    ...prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/gm), // [ref]: target
    ...prose.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g), // <a href> and <img src>
  ].map((m) => m[1]);
  return targets
    .filter((target) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(target))
    .map((target) => `README.md links to ${target}, which is dead on npm: use an absolute URL`);
}

/** Source maps that embed the sources: the tarball would carry every source file twice. */
export function sourceMapProblems(maps) {
  return maps
    .filter(({ text }) => (JSON.parse(text).sourcesContent ?? []).some((s) => s != null))
    .map(({ path }) => `${path} embeds sourcesContent`);
}

/**
 * Every rule, on a tarball unpacked into `dir`; `files` are the tarball's entries
 * (`package/...`, as `tar -t` lists them).
 */
export function publishHygieneProblems(dir, files) {
  const read = (path) => readFileSync(join(dir, path), 'utf8');
  const readme = files.find((f) => /^package\/readme\.md$/i.test(f));
  return [
    ...manifestProblems(JSON.parse(read('package/package.json'))),
    ...(readme ? readmeLinkProblems(read(readme)) : ['the tarball has no README.md']),
    ...sourceMapProblems(
      files.filter((f) => f.endsWith('.map')).map((path) => ({ path, text: read(path) })),
    ),
  ];
}
