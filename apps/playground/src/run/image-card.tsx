import { formatBytes } from '../format/format-bytes';
import type { RunImage } from '../history/run-record';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

export interface ImageCardProps {
  image: RunImage;
  /** Used in the download's file name, e.g. `lunos-image-3-1.png`. */
  runLabel: string;
  alt: string;
}

/** A generated image with its real pixel size (read from its header) and a download button. */
export function ImageCard({ image, runLabel, alt }: ImageCardProps) {
  const size =
    image.width !== undefined && image.height !== undefined
      ? `${image.width} × ${image.height}`
      : 'size unknown';
  const extension = EXTENSIONS[image.mimeType] ?? 'img';
  return (
    <figure className="image-card" data-testid="image-card">
      <a className="image-frame" href={image.url} target="_blank" rel="noreferrer">
        <img src={image.url} alt={alt} data-testid="generated-image" />
      </a>
      <figcaption className="image-meta">
        <span data-testid="image-size">{size}</span>
        <span className="muted">
          {image.mimeType.replace('image/', '').toUpperCase()}
          {image.byteLength !== undefined && ` · ${formatBytes(image.byteLength)}`}
        </span>
        <a
          className="button is-small"
          href={image.url}
          download={`lunos-image-${runLabel}-${image.index + 1}.${extension}`}
        >
          Download
        </a>
      </figcaption>
    </figure>
  );
}
