import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks } from '../../scripts/readme-blocks.mjs';
import type { SnippetTag } from './runtimes';

const README = join(import.meta.dirname, '..', '..', 'README.md');

/** README.md's "Runs on" section: from its heading to the next one of the same level. */
export function runsOnSection(): string {
  const readme = readFileSync(README, 'utf8');
  const section = /^## Runs on\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Runs on" section');
  return section;
}

/** The one ```ts <tag> block of the "Runs on" section: the lines that mount the handler there. */
export function readmeSnippet(tag: SnippetTag): string {
  const blocks = readmeBlocks(runsOnSection()).filter((block) => block.tags.includes(tag));
  if (blocks.length !== 1) {
    throw new Error(`README.md's "Runs on" has ${blocks.length} \`\`\`ts ${tag} blocks, not one`);
  }
  return blocks[0]!.code;
}

const CALL = 'createLunosImageHandler(';

/**
 * The snippet with its one `createLunosImageHandler(…)` call given the suite's options instead of
 * its own (`globalThis.lunosRuntimeHarness`, from harness/harness.mjs): the same mount code,
 * serving a handler tuned for the tests (a short `heartbeatMs`, `allowModels`) next to a route
 * that runs the client in the runtime.
 */
export function harnessVariant(snippet: string): string {
  const start = snippet.indexOf(CALL);
  if (start < 0 || snippet.indexOf(CALL, start + 1) >= 0) {
    throw new Error(`a "Runs on" snippet must call ${CALL}…) exactly once:\n${snippet}`);
  }
  let depth = 0;
  let end = start + CALL.length - 1;
  for (; end < snippet.length; end++) {
    if (snippet[end] === '(') depth += 1;
    else if (snippet[end] === ')' && --depth === 0) break;
  }
  return `${snippet.slice(0, start)}globalThis.lunosRuntimeHarness(createLunosImageHandler)${snippet.slice(end + 1)}`;
}
