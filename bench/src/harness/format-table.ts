import type { BenchmarkResult } from './benchmark';

function figure(value: number, unit: string): string {
  // Counts are whole (a median of an odd number of them); everything else keeps 3 digits.
  const digits =
    unit === 'commits' || unit === 'generations' || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * One plain-text table per benchmark: our figure, each peer's, and ours/peer with its bar
 * (`0.41x ≤ 0.75 ok`, `1.20x > 1.00 MISS`). Also valid Markdown when `markdown` is set, for
 * BENCHMARKS.md.
 */
export function formatTable(result: BenchmarkResult, markdown = false): string {
  const peerNames = [...new Set(result.cases.flatMap((row) => row.peers.map((peer) => peer.name)))];
  const header = ['case', 'ours', ...peerNames.flatMap((name) => [name, 'ours/peer'])];
  const hasLimit = result.cases.some((row) => row.limit);
  if (hasLimit) header.push('limit');
  const rows = result.cases.map((row) => {
    const cells = [row.name, figure(row.ours, result.unit)];
    for (const name of peerNames) {
      const peer = row.peers.find((candidate) => candidate.name === name);
      if (!peer) {
        cells.push('-', '-');
        continue;
      }
      const ratio = row.ours / peer.value;
      // Three digits where two would round onto the bar and hide which side of it the ratio is.
      const digits =
        peer.maxRatio !== undefined && Number(ratio.toFixed(2)) === peer.maxRatio ? 3 : 2;
      let verdict = `${ratio.toFixed(digits)}x`;
      if (peer.maxRatio !== undefined) {
        verdict += ratio <= peer.maxRatio ? ` ≤ ${peer.maxRatio} ok` : ` > ${peer.maxRatio} MISS`;
      }
      cells.push(figure(peer.value, result.unit), verdict);
    }
    if (hasLimit) {
      cells.push(
        row.limit ? `${row.limit.label} ${row.ours <= row.limit.value ? 'ok' : 'MISS'}` : '-',
      );
    }
    return cells;
  });
  // A note's further lines (e.g. a breakdown) go under its first, indented.
  const notes = result.cases
    .filter((row) => row.note)
    .map((row) => {
      const [first, ...rest] = row.note!.split('\n');
      const indent = markdown ? '\n  - ' : '\n    ';
      return `  ${row.name}: ${first}${rest.map((line) => `${indent}${line}`).join('')}`;
    });
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [
      `**${result.title}** (${result.method})`,
      '',
      line(header),
      line(header.map(() => '---')),
      ...rows.map(line),
      ...(notes.length ? ['', ...notes.map((note) => `-${note.slice(1)}`)] : []),
    ].join('\n');
  }
  return [
    `${result.title}`,
    `  ${result.method}`,
    ...pad([header, ...rows]).map((l) => `  ${l}`),
    ...notes,
  ].join('\n');
}
