import { useState } from 'react';
import { formatBytes } from '../format/format-bytes';
import type { RunImage } from '../gallery/run-record';
import { ImageActions } from './image-actions';
import { imageSizeText } from './image-size-text';
import { ZoomDialog } from './zoom-dialog';

export interface ImageCardProps {
  image: RunImage;
  /** Used in the download's file name, e.g. `lunos-image-3-1.png`. */
  runLabel: string;
  alt: string;
}

/**
 * A generated image with its real pixel size (read from its header), Copy image and Download;
 * clicking it opens it at full size.
 */
export function ImageCard({ image, runLabel, alt }: ImageCardProps) {
  const [zoomed, setZoomed] = useState(false);
  return (
    <figure className="image-card" data-testid="image-card">
      <button
        type="button"
        className="image-frame"
        aria-haspopup="dialog"
        title="Show at full size"
        onClick={() => setZoomed(true)}
      >
        <img src={image.url} alt={alt} data-testid="generated-image" />
      </button>
      <figcaption className="image-meta">
        <span data-testid="image-size">{imageSizeText(image)}</span>
        <span className="muted">
          {image.mimeType.replace('image/', '').toUpperCase()}
          {image.byteLength !== undefined && ` · ${formatBytes(image.byteLength)}`}
        </span>
        <ImageActions image={image} runLabel={runLabel} />
      </figcaption>
      {zoomed && (
        <ZoomDialog image={image} alt={alt} runLabel={runLabel} onClose={() => setZoomed(false)} />
      )}
    </figure>
  );
}
