import type { PreviewImage } from './run-view';

export interface PreviewCardProps {
  preview: PreviewImage;
  /** `image 2 of 4`: where the slot is. */
  slotLabel: string;
}

/**
 * The latest partial preview of a slot, shown blurred under a `Preview` label so it is never
 * taken for the result; the slot's final image replaces it. Not zoomable, not downloadable.
 */
export function PreviewCard({ preview, slotLabel }: PreviewCardProps) {
  return (
    <figure
      className="image-card is-preview"
      data-testid="preview-slot"
      data-slot={preview.index}
      data-partial-index={preview.partialIndex}
    >
      <div className="preview-frame">
        <img src={preview.url} alt="" data-testid="preview-image" />
        <span className="preview-label">Preview {preview.partialIndex + 1}</span>
      </div>
      <figcaption className="image-meta">
        <span>
          {slotLabel} · preview {preview.partialIndex + 1}, the final image replaces it
        </span>
      </figcaption>
    </figure>
  );
}
