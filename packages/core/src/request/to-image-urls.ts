import type { ValidationIssue } from '../errors/validation-error';
import type { ReferenceImage } from './generate-image-variables';
import { toImageUrl } from './to-image-url';

/**
 * Every reference image as the URL the API takes (`toImageUrl`), with one issue per image that
 * cannot be sent, named `referenceImages[i]`.
 */
export async function toImageUrls(
  images: readonly ReferenceImage[] | undefined,
): Promise<{ urls: string[]; issues: ValidationIssue[] }> {
  const urls: string[] = [];
  const issues: ValidationIssue[] = [];
  for (const [i, image] of (images ?? []).entries()) {
    const result = await toImageUrl(image);
    if ('url' in result) urls.push(result.url);
    else
      issues.push({
        path: `referenceImages[${i}]`,
        code: 'invalid_image',
        message: result.problem,
      });
  }
  return { urls, issues };
}
