import type { ValidationIssue } from '../errors/validation-error';

/** Megapixels of each resolution tier, for telling which tier a pixel size belongs to. */
const TIER_MEGAPIXELS = { '512': 0.25, '1K': 1, '2K': 4, '4K': 16 } as const;
type TTier = keyof typeof TIER_MEGAPIXELS;

/** The tier whose pixel count is nearest (on a log scale) to `width × height`. */
function tierOf(width: number, height: number): TTier {
  const mp = Math.log((width * height) / 1e6);
  let best: TTier = '1K';
  for (const tier of Object.keys(TIER_MEGAPIXELS) as TTier[]) {
    if (
      Math.abs(mp - Math.log(TIER_MEGAPIXELS[tier])) <
      Math.abs(mp - Math.log(TIER_MEGAPIXELS[best]))
    )
      best = tier;
  }
  return best;
}

/** How far two ratios may differ (2%): providers round pixel sizes to multiples of 8 or 64. */
const RATIO_TOLERANCE = 0.02;

/**
 * A `size` that disagrees with `aspectRatio` or the resolution (`imageSize`): explicit pixels are
 * authoritative on the Images API, which answers 400 to a mismatched ratio or tier beside them; a
 * tier `size` is the resolution, so it must not name another one.
 */
export function sizeConflictIssues(
  size: string | undefined,
  aspectRatio: string | undefined,
  resolution: string | undefined,
): ValidationIssue[] {
  if (size === undefined) return [];
  const pixels = /^(\d+)x(\d+)$/.exec(size);
  if (!pixels) {
    return resolution !== undefined && resolution !== size
      ? [
          {
            path: 'size',
            code: 'conflict',
            allowed: [resolution],
            message: `conflicts with imageSize (${size} vs ${resolution}): set one`,
          },
        ]
      : [];
  }
  const width = Number(pixels[1]);
  const height = Number(pixels[2]);
  const issues: ValidationIssue[] = [];
  const ratio = aspectRatio?.split(':').map(Number);
  if (ratio?.length === 2 && ratio[0]! > 0 && ratio[1]! > 0) {
    const wanted = ratio[0]! / ratio[1]!;
    if (Math.abs(width / height - wanted) / wanted > RATIO_TOLERANCE) {
      issues.push({
        path: 'size',
        code: 'conflict',
        message: `${size} is not ${aspectRatio} (aspectRatio): set one, or pixels of that ratio`,
      });
    }
  }
  if (resolution !== undefined) {
    const tier = tierOf(width, height);
    const tierOfResolution = resolution === '0.5K' ? '512' : resolution;
    if (tier !== tierOfResolution) {
      issues.push({
        path: 'size',
        code: 'conflict',
        allowed: [tier],
        message: `${size} is a ${tier} size, not ${resolution} (imageSize): set one`,
      });
    }
  }
  return issues;
}
