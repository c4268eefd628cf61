import { describe, expect, it } from 'vitest';
import { readmeSnippet, runsOnSection } from './src/readme-snippets';
import { RUNTIMES } from './src/runtimes';

/** The "Runs on" table's rows: runtime, version tested, mount line (its inline code). */
function tableRows(): { runtime: string; versions: string; mount: string }[] {
  return runsOnSection()
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) => {
      const [runtime = '', versions = '', mount = ''] = line.split('|').slice(1, -1);
      return { runtime: runtime.trim(), versions, mount: /`([^`]+)`/.exec(mount)?.[1] ?? '' };
    });
}

describe(`README.md's "Runs on"`, () => {
  for (const [name, runtime] of Object.entries(RUNTIMES)) {
    it(`names the version ${name} is tested on, and a mount line its snippet holds`, () => {
      const snippet = readmeSnippet(runtime.snippet);
      const rows = tableRows().filter((row) => row.mount !== '' && snippet.includes(row.mount));
      expect(rows.map((row) => row.runtime)).toHaveLength(1);
      expect(rows[0]?.versions).toContain(runtime.version);
    });
  }

  it('has a row for each snippet and no other', () => {
    const snippets = new Set(Object.values(RUNTIMES).map((runtime) => runtime.snippet));
    expect(tableRows()).toHaveLength(snippets.size);
  });
});
