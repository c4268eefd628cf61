import { useState } from 'react';
import type { RunImage } from '../gallery/run-record';
import { copyImage } from './copy-image';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export interface ImageActionsProps {
  image: RunImage;
  /** Used in the download's file name, e.g. `lunos-image-3-1.png`. */
  runLabel: string;
}

/** Download and Copy image, with what happened to the copy said beside them. */
export function ImageActions({ image, runLabel }: ImageActionsProps) {
  const [copied, setCopied] = useState<string>();
  const extension = EXTENSIONS[image.mimeType] ?? 'img';
  return (
    <span className="image-actions">
      <span role="status" className="muted" data-testid="copy-status">
        {copied}
      </span>
      <button
        type="button"
        className="button is-small"
        onClick={() =>
          copyImage(image.url, image.mimeType).then(
            () => setCopied('Copied.'),
            (error: unknown) =>
              setCopied(
                error instanceof Error && error.message.startsWith('This browser')
                  ? error.message
                  : 'The browser refused the clipboard: use Download instead.',
              ),
          )
        }
      >
        Copy image
      </button>
      <a
        className="button is-small"
        href={image.url}
        download={`lunos-image-${runLabel}-${image.index + 1}.${extension}`}
      >
        Download
      </a>
    </span>
  );
}
