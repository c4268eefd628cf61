/**
 * How many characters of a generated file each original source accounts for, read from the
 * generated file's source map. esbuild's metafile only knows its direct inputs (for ours: one
 * `dist/index.js`); esbuild composes the dist file's own source map into the output's, so the map
 * points through the build to `packages/core/src/...` and shows which of our modules cost what.
 */

interface SourceMapV3 {
  sources: string[];
  mappings: string;
}

const base64Digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digitValue = new Map([...base64Digits].map((digit, value) => [digit, value]));

/** The numbers of one mappings segment (base64 VLQ, sign in the lowest bit). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = digitValue.get(char);
    if (digit === undefined) throw new Error(`bad source map digit ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * Characters of `code` per source path (as the map names it), attributing each run of generated
 * code to the source of the mapping that starts it. Code no mapping covers is under `''`.
 */
export function sourceMapContributors(code: string, mapJson: string): Map<string, number> {
  const map = JSON.parse(mapJson) as SourceMapV3;
  const lines = code.split('\n');
  const totals = new Map<string, number>();
  const add = (source: string, length: number) =>
    totals.set(source, (totals.get(source) ?? 0) + length);
  let sourceIndex = 0;
  const mappingLines = map.mappings.split(';');
  for (let line = 0; line < lines.length; line++) {
    const lineLength = lines[line]!.length + (line < lines.length - 1 ? 1 : 0);
    const starts: { column: number; source: string }[] = [];
    let column = 0;
    for (const segment of (mappingLines[line] ?? '').split(',')) {
      if (!segment) continue;
      const values = decodeSegment(segment);
      column += values[0]!;
      if (values.length >= 4) {
        sourceIndex += values[1]!;
        starts.push({ column, source: map.sources[sourceIndex] ?? '' });
      } else {
        starts.push({ column, source: '' });
      }
    }
    if (starts.length === 0 || starts[0]!.column > 0) {
      add('', starts.length === 0 ? lineLength : starts[0]!.column);
    }
    for (let i = 0; i < starts.length; i++) {
      const end = i + 1 < starts.length ? starts[i + 1]!.column : lineLength;
      add(starts[i]!.source, end - starts[i]!.column);
    }
  }
  return totals;
}
